package casetrack.shared.value;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Accepts a date whose first possible day is no later than today anywhere on earth (UTC+14). */
public class NotInFutureValidator implements ConstraintValidator<NotInFuture, PartialDate> {

    @Override
    public boolean isValid(PartialDate value, ConstraintValidatorContext context) {
        return value == null || !value.earliest().isAfter(LocalDate.now(ZoneOffset.ofHours(14)));
    }
}
