package casetrack.command;

import casetrack.command.db.EmbeddedDatabase;
import casetrack.command.load.LoaderMain;
import casetrack.shared.audit.ExportedEvents;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

/**
 * The command side: records steps of cases as events. {@code java -jar command-side.jar embedded-db}
 * runs the embedded PostgreSQL instead (the launcher starts it first, then both services);
 * {@code verify-file FILE} checks an audit export's hash chains offline; {@code demo} and
 * {@code import FILE} record JSON Lines of commands through a running command side's API.
 */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) throws Exception {
        disableUpdateChecker();
        if (args.length > 0 && args[0].equals("embedded-db")) {
            EmbeddedDatabase.main(args);
            return;
        }
        if (args.length > 0 && args[0].equals("verify-file")) {
            System.exit(ExportedEvents.verifyFile(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && (args[0].equals("demo") || args[0].equals("import"))) {
            System.exit(LoaderMain.run(args));
        }
        SpringApplication.run(CommandSideApplication.class, args);
    }

    /** casetrack makes no outbound calls: Axon's update checker must never run. */
    public static void disableUpdateChecker() {
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
    }
}
