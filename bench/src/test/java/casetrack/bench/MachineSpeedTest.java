package casetrack.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The steal share comes from the 8th number of /proc/stat's "cpu" line, over the time between two readings. */
class MachineSpeedTest {

    @Test
    void stealIsTheEighthNumberAndItsShareIsOverTheTimeBetweenReadings() {
        long[] before = MachineSpeed.parseSteal("cpu  4471694 20081 577249 1779014 39673 0 131028 65969 0 0");
        long[] after = MachineSpeed.parseSteal("cpu  4473674 20081 577255 1779014 39673 0 131028 65985 0 0");
        assertThat(before[1]).isEqualTo(65969);
        assertThat(after[0] - before[0]).isEqualTo(2002);
        assertThat(MachineSpeed.stealShare(before, after)).isCloseTo(16 / 2002.0, within(1e-12));
    }

    @Test
    void aKernelWithoutStealAndMissingReadingsSayNothingFalse() {
        assertThat(MachineSpeed.parseSteal("cpu 10 0 5 100 1 0 0")[1]).isZero();
        assertThat(MachineSpeed.stealShare(null, new long[]{10, 0})).isEqualTo(-1);
        assertThat(MachineSpeed.stealShare(new long[]{10, 0}, new long[]{10, 0})).isEqualTo(-1);
    }
}
