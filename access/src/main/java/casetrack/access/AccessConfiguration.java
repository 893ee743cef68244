package casetrack.access;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * What both services share: the credentials, the token filter, and problem+json refusals. Each
 * service imports this and declares its own {@code SecurityFilterChain} with {@link #base}.
 */
@Configuration
@EnableConfigurationProperties(AccessProperties.class)
public class AccessConfiguration {

    @Bean
    public Credentials credentials(AccessProperties properties) {
        return Credentials.load(properties);
    }

    @Bean
    public ProblemResponses problemResponses() {
        return new ProblemResponses();
    }

    /** Stateless token checks, no sessions, no CSRF (no cookies are ever issued), problem+json refusals. */
    public static HttpSecurity base(HttpSecurity http, Credentials credentials, ProblemResponses problems) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new TokenAuthenticationFilter(credentials, problems), AnonymousAuthenticationFilter.class);
    }
}
