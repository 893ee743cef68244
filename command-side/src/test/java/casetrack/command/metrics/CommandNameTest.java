package casetrack.command.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command tag comes from the path alone; anything but a catalogue name is "unknown", so clients cannot grow the series. */
class CommandNameTest {

    @Test
    void namesTheCommandOfAStepPath() {
        assertThat(CommandMetrics.commandOf("/api/cases")).isEqualTo("OpenCase");
        assertThat(CommandMetrics.commandOf("/api/cases/")).isEqualTo("OpenCase");
        assertThat(CommandMetrics.commandOf("/api/cases/state-v-x/commands/FileStateCharge")).isEqualTo("FileStateCharge");
    }

    @Test
    void anythingElseIsUnknown() {
        for (String uri : new String[] {"/api/cases/x/commands/NoSuchCommand", "/api/cases/x/commands/OpenCase",
                "/api/cases//commands/FileStateCharge", "/api/cases/x/y/commands/FileStateCharge",
                "/api/cases/x/commands/FileStateCharge/more", "/api/cases/x/commands/", "/api/cases/x",
                "/api/casesX/commands/FileStateCharge"}) {
            assertThat(CommandMetrics.commandOf(uri)).as(uri).isEqualTo("unknown");
        }
    }
}
