package casetrack.command.store;

import casetrack.shared.command.CaseCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds the case a command targets, and the version the client expects it to be at (from an
 * {@code If-Match} header, carried as metadata) so Axon refuses a write based on a stale read.
 */
@Component("caseCommandTargetResolver")
public class CaseCommandTargetResolver implements CommandTargetResolver {

    public static final String EXPECTED_VERSION = "expectedVersion";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (!(command.getPayload() instanceof CaseCommand caseCommand)) {
            throw new IllegalArgumentException("not a case command: " + command.getPayloadType().getName());
        }
        Object expected = command.getMetaData().get(EXPECTED_VERSION);
        Long version = expected == null ? null : Long.valueOf(expected.toString());
        return new VersionedAggregateIdentifier(caseCommand.caseId(), version);
    }
}
