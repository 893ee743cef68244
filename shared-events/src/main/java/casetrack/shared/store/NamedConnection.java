package casetrack.shared.store;

import java.util.Properties;

/**
 * The JDBC properties of a connection casetrack opens outside its pools (the command side's append
 * notifier, the query side's listener): the pool's credentials, and a name of its own in
 * {@code pg_stat_activity.application_name}, so an operator can tell what each session is.
 */
public final class NamedConnection {

    private NamedConnection() {
    }

    /** {@code user} and {@code password} when given (null leaves them to the URL), and {@code ApplicationName}. */
    public static Properties properties(String username, String password, String applicationName) {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", applicationName);
        return properties;
    }
}
