package casetrack.command.http;

import casetrack.access.AccessConfiguration;
import casetrack.access.Credentials;
import casetrack.access.ProblemResponses;
import casetrack.access.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Recording steps needs an EDITOR; metrics need an AUDITOR; health is open so orchestrators can probe it. */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(AccessConfiguration.class)
public class CommandSideSecurity {

    private static final Logger log = LoggerFactory.getLogger(CommandSideSecurity.class);

    @Bean
    public SecurityFilterChain commandSideFilterChain(HttpSecurity http, Credentials credentials, ProblemResponses problems)
            throws Exception {
        if (!credentials.hasRole(Role.EDITOR)) {
            log.warn("No editor credential is configured: nobody can record steps. Set CASETRACK_EDITOR_TOKEN, "
                    + "or add a user to the users file (see README, 'Access').");
        }
        return AccessConfiguration.base(http, credentials, problems)
                // the editor pages on the query side post here; allowed origins: casetrack.web.allowed-origins
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.AUDITOR.name())
                        .requestMatchers(HttpMethod.POST, "/api/cases", "/api/cases/**").hasRole(Role.EDITOR.name())
                        .anyRequest().denyAll())
                .build();
    }
}
