package casetrack.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>} (tools, scripts) or {@code Basic name:token}
 * (browsers). A header that is present but wrong answers 401 at once.
 */
public class TokenAuthenticationFilter extends OncePerRequestFilter {

    private final Credentials credentials;
    private final ProblemResponses problems;

    public TokenAuthenticationFilter(Credentials credentials, ProblemResponses problems) {
        this.credentials = credentials;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Credentials.User> user = credentials.authenticate(token(header));
        if (user.isEmpty()) {
            problems.write(response, 401, "unauthenticated", "Not authenticated",
                    "The credentials in the Authorization header are not valid.");
            return;
        }
        Credentials.User u = user.get();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                u.name(), null, List.of(new SimpleGrantedAuthority("ROLE_" + u.role().name()))));
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String token(String header) {
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }
}
