package casetrack.query.http;

import casetrack.access.AccessConfiguration;
import casetrack.access.AccessProperties;
import casetrack.access.Credentials;
import casetrack.access.ProblemResponses;
import casetrack.access.Role;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Published views are open to read (unless {@code casetrack.access.open-reads=false}: then any
 * role may read); the audit trail, replays and metrics need an AUDITOR.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(AccessConfiguration.class)
public class QuerySideSecurity {

    @Bean
    public SecurityFilterChain querySideFilterChain(HttpSecurity http, Credentials credentials, ProblemResponses problems,
                                                    AccessProperties properties) throws Exception {
        String[] readers = {Role.READER.name(), Role.EDITOR.name(), Role.AUDITOR.name()};
        return AccessConfiguration.base(http, credentials, problems)
                .authorizeHttpRequests(a -> {
                    a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error").permitAll();
                    a.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                            .permitAll();
                    a.requestMatchers("/actuator/**", "/api/audit/**", "/api/admin/**").hasRole(Role.AUDITOR.name());
                    if (properties.isOpenReads()) {
                        a.requestMatchers(HttpMethod.GET, "/**").permitAll();
                    } else {
                        a.requestMatchers(HttpMethod.GET, "/**").hasAnyRole(readers);
                    }
                    a.anyRequest().denyAll();
                })
                .build();
    }
}
