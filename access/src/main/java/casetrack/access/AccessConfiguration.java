package casetrack.access;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
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

    /**
     * Request matchers by path pattern. Without this bean Spring Security matches each pattern through
     * Spring MVC's HandlerMappingIntrospector, which resolved the handler again for every matcher on
     * every request (about a tenth of a command's CPU in a JFR profile). Every pattern here is a plain
     * path, so matching the path is the same decision.
     */
    @Bean
    public static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No observation around each security filter. Spring Security otherwise wraps every filter of
     * the chain in a Micrometer observation and looks up meters for it on every request; the
     * request as a whole is still observed ({@code http.server.requests}).
     */
    @Bean
    public static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, its header checks decided per code point ({@link HeaderCharacters}). */
    @Bean
    public static HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        return firewall;
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
