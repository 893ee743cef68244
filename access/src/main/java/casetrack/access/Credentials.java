package casetrack.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may use casetrack. Users come from a users file (one {@code name ROLE sha256-of-token} a line,
 * so tokens are never persisted in the clear by the services) and from tokens given in the
 * environment ({@code CASETRACK_EDITOR_TOKEN} → user "editor", and likewise auditor and reader).
 * Tokens are compared by their SHA-256 in constant time.
 */
public final class Credentials {

    public record User(String name, Role role, byte[] tokenHash) {
    }

    private final List<User> users;

    public Credentials(List<User> users) {
        this.users = List.copyOf(users);
    }

    public static Credentials load(AccessProperties properties) {
        List<User> users = new ArrayList<>();
        addToken(users, "editor", Role.EDITOR, properties.getEditorToken());
        addToken(users, "auditor", Role.AUDITOR, properties.getAuditorToken());
        addToken(users, "reader", Role.READER, properties.getReaderToken());
        if (properties.getUsersFile() != null && Files.isRegularFile(properties.getUsersFile())) {
            users.addAll(readUsersFile(properties.getUsersFile()));
        }
        return new Credentials(users);
    }

    public Optional<User> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = sha256(token);
        User match = null;
        for (User user : users) {
            // look at every user, so timing says nothing about which one matched
            if (MessageDigest.isEqual(presented, user.tokenHash()) && match == null) {
                match = user;
            }
        }
        return Optional.ofNullable(match);
    }

    public boolean hasRole(Role role) {
        return users.stream().anyMatch(u -> u.role() == role);
    }

    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addToken(List<User> users, String name, Role role, String token) {
        if (token != null && !token.isBlank()) {
            users.add(new User(name, role, sha256(token.trim())));
        }
    }

    static List<User> readUsersFile(Path file) {
        List<User> users = new ArrayList<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 3 || !parts[2].matches("[0-9a-fA-F]{64}")) {
                    throw new IllegalStateException(file + " line " + number + ": expected 'name ROLE sha256-hex'");
                }
                users.add(new User(parts[0], Role.valueOf(parts[1].toUpperCase(Locale.ROOT)), HexFormat.of().parseHex(parts[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users file " + file, e);
        }
        return users;
    }
}
