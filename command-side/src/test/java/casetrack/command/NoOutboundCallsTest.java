package casetrack.command;

import casetrack.command.support.CommandSideTest;
import org.axonframework.updates.configuration.UsagePropertyProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** casetrack makes no outbound calls: Axon's update checker ("anonymous usage data") must stay off. */
class NoOutboundCallsTest extends CommandSideTest {

    @Test
    void axonsUpdateCheckerIsDisabledInTheRunningService() {
        assertThat(UsagePropertyProvider.create().getDisabled()).isTrue();
    }

    @Test
    void theServiceEntryPointDisablesItBeforeAnythingStarts() {
        System.clearProperty("axoniq.update-checker.disabled");
        try {
            CommandSideApplication.disableUpdateChecker();

            assertThat(System.getProperty("axoniq.update-checker.disabled")).isEqualTo("true");
        } finally {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }
}
