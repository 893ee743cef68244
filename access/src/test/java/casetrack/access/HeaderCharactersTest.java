package casetrack.access;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderCharactersTest {

    // the expressions of Spring Security's StrictHttpFirewall (6.5) that HeaderCharacters replaces
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void decidesEveryCodePointAsTheFirewallsExpressions() {
        List<String> differing = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            if (HeaderCharacters.allowedInName(s) != NAME.matcher(s).matches()
                    || HeaderCharacters.allowedInValue(s) != VALUE.matcher(s).matches()) {
                differing.add(Integer.toHexString(cp));
            }
        }
        assertThat(differing).isEmpty();
    }

    @Test
    void refusesControlsAndUnassignedButAllowsTabInValuesOnly() {
        assertThat(HeaderCharacters.allowedInName("Authorization")).isTrue();
        assertThat(HeaderCharacters.allowedInValue("Bearer abc\tdef")).isTrue();
        assertThat(HeaderCharacters.allowedInName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("a\u0000b")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("a\u007Fb")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("a\u0378b")).isFalse(); // unassigned
        // unpaired surrogates are assigned (category Cs), as for the expressions
        for (String s : List.of("x\uD800", "\uDC00y", "\uD83D\uDE00")) {
            assertThat(HeaderCharacters.allowedInValue(s)).isEqualTo(VALUE.matcher(s).matches());
        }
    }
}
