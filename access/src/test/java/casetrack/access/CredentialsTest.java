package casetrack.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {

    @TempDir
    Path dir;

    private static String hash(String token) {
        return HexFormat.of().formatHex(Credentials.sha256(token));
    }

    @Test
    void usersFromTheFileAndTheEnvironmentAuthenticateByToken() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "# comment\nalice EDITOR " + hash("alice-token") + "\n\nbob auditor "
                + hash("bob-token") + "\n");
        AccessProperties properties = new AccessProperties();
        properties.setUsersFile(users);
        properties.setReaderToken("reader-token");

        Credentials credentials = Credentials.load(properties);

        assertThat(credentials.authenticate("alice-token")).hasValueSatisfying(u -> {
            assertThat(u.name()).isEqualTo("alice");
            assertThat(u.role()).isEqualTo(Role.EDITOR);
        });
        assertThat(credentials.authenticate("bob-token")).hasValueSatisfying(u -> assertThat(u.role()).isEqualTo(Role.AUDITOR));
        assertThat(credentials.authenticate("reader-token")).hasValueSatisfying(u -> assertThat(u.name()).isEqualTo("reader"));
        assertThat(credentials.authenticate("alice-token ")).isEmpty();
        assertThat(credentials.authenticate("")).isEmpty();
        assertThat(credentials.authenticate(null)).isEmpty();
        assertThat(credentials.hasRole(Role.EDITOR)).isTrue();
    }

    @Test
    void withNothingConfiguredNobodyGetsIn() {
        Credentials credentials = Credentials.load(new AccessProperties());

        assertThat(credentials.hasRole(Role.EDITOR)).isFalse();
        assertThat(credentials.authenticate("anything")).isEmpty();
    }

    @Test
    void aMalformedUsersFileStopsTheServiceWithTheLineNumber() throws Exception {
        Path users = Files.writeString(dir.resolve("users"), "alice EDITOR plaintext-token\n");
        AccessProperties properties = new AccessProperties();
        properties.setUsersFile(users);

        assertThatThrownBy(() -> Credentials.load(properties)).hasMessageContaining("line 1");
    }
}
