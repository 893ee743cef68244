package casetrack.query;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The query side: projections of every case, the read API, live updates and replay. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

    public static void main(String[] args) {
        // casetrack makes no outbound calls: Axon's update checker must be off before Axon loads
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(QuerySideApplication.class, args);
    }

    /** Today, for what is overdue, upcoming or how long ago: read time, never stored. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
