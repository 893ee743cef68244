package casetrack.query.http;

import java.util.concurrent.TimeUnit;

import org.springframework.http.CacheControl;

/**
 * Cache-Control of the public read endpoints: any cache (a newsroom's CDN, a reader's browser) may
 * keep an answer for a few seconds and serve it a little longer while it revalidates with the
 * ETag / Last-Modified every answer carries (304 when nothing changed), so embedding a dashboard or a
 * timeline in a story does not send every reader's request here, yet a new step shows within
 * seconds. Audit and admin answers are never marked public.
 */
final class PublicCaching {

    static final CacheControl READS = CacheControl.maxAge(5, TimeUnit.SECONDS).cachePublic().staleWhileRevalidate(30, TimeUnit.SECONDS);

    private PublicCaching() {
    }
}
