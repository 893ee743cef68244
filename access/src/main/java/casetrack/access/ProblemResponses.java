package casetrack.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.net.URI;

/** 401 and 403 as RFC 9457 problem+json, like every other refusal. */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public void commence(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException e) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"casetrack\"");
        write(response, 401, "unauthenticated", "Not authenticated",
                "This needs credentials: send 'Authorization: Bearer <token>'.");
    }

    @Override
    public void handle(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException e) throws IOException {
        write(response, 403, "forbidden", "Not allowed", "Your credentials do not allow this; it needs another role.");
    }

    public void write(HttpServletResponse response, int status, String type, String title, String detail) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        p.setType(URI.create("https://casetrack.org/problems/" + type));
        p.setTitle(title);
        if (status == 401 && response.getHeader("WWW-Authenticate") == null) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"casetrack\"");
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), p);
    }
}
