package casetrack.query.http;

import casetrack.query.replay.ReplayService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Marks every API answer given while a replay rebuilds the tables it was read from. */
@Configuration
public class ReplayHeader implements WebMvcConfigurer, HandlerInterceptor {

    public static final String NAME = "X-Casetrack-Replay";

    private final ReplayService replay;

    public ReplayHeader(ReplayService replay) {
        this.replay = replay;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (replay.isRunning()) {
            response.setHeader(NAME, "in-progress");
        }
        return true;
    }
}
