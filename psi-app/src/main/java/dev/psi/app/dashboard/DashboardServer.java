package dev.psi.app.dashboard;

import dev.psi.store.StoreException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The dashboard's web server (Javalin 7 on Jetty 12): the pages ({@link Pages}), the JSON API
 * ({@link DashboardApi}) and the bundled static files ({@link Assets}), over a store opened read-only. Only
 * {@code GET} routes exist; every response forbids inline scripts and other origins (content security policy),
 * MIME sniffing and framing. The routes and what they return are listed in the README, "Dashboard".
 */
public final class DashboardServer implements AutoCloseable {

    /** Trials one comparison page shows side by side. */
    static final int MAX_COMPARED = 6;

    /**
     * The policy every response carries: scripts and styles from this server only (so that no markup a page
     * shows can run a script), data only from its API, no frames.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Javalin app;
    private final String host;
    private final DashboardApi api;
    private final List<ReopeningStore> stores;

    private DashboardServer(Javalin app, String host, DashboardApi api, List<ReopeningStore> stores) {
        this.app = app;
        this.host = host;
        this.api = api;
        this.stores = stores;
    }

    /**
     * Opens the store at {@code location} read-only (twice: one connection for the requests, one for the
     * background count of the studies; each opened again when lost, {@link ReopeningStore}) and starts serving it
     * on {@code host}:{@code port} (port 0: a free port).
     *
     * @param location a SQLite path or a {@code jdbc:postgresql:} URL, as {@code --db} takes it
     * @param reportFolders the folders to look for studies' reports in ({@code psi study --out})
     * @param clock the time that running studies' elapsed times are measured to
     * @throws dev.psi.store.StoreException if the store cannot be opened read-only
     */
    public static DashboardServer start(String location, List<Path> reportFolders, String host, int port,
            Clock clock) {
        Objects.requireNonNull(location, "location");
        ReopeningStore store = ReopeningStore.open(location);
        ReopeningStore counting;
        try {
            counting = ReopeningStore.open(location);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            return start(store, counting, reportFolders, host, port, clock);
        } catch (RuntimeException e) {
            store.close();
            counting.close();
            throw e;
        }
    }

    private static DashboardServer start(ReopeningStore store, ReopeningStore counting, List<Path> reportFolders,
            String host, int port, Clock clock) {
        DashboardApi api = new DashboardApi(store, counting, new Reports(reportFolders), clock);
        boolean loopback = isLoopbackName(host);
        String database = store.location();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(ctx -> {
                if (loopback && !isLoopbackName(ctx.host())) {
                    throw new ForeignHost(ctx.host());
                }
                ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cache-Control", "no-store");
            });
            config.routes.get("/", ctx -> html(ctx, Pages.studies(database)));
            config.routes.get("/studies/{name}", ctx -> {
                String name = ctx.pathParam("name");
                api.parts(name);
                html(ctx, Pages.study(name, database));
            });
            config.routes.get("/trials/{id}", ctx -> html(ctx, Pages.trials(List.of(id(ctx.pathParam("id"))), database)));
            config.routes.get("/trials", ctx -> html(ctx, Pages.trials(ids(ctx.queryParam("ids")), database)));
            config.routes.get("/assets/{file}", ctx -> {
                Assets.Asset asset = Assets.named(ctx.pathParam("file"))
                        .orElseThrow(() -> new DashboardApi.NotFound("no such asset"));
                ctx.header("Cache-Control", "max-age=3600");
                ctx.contentType(asset.contentType()).result(asset.bytes());
            });
            config.routes.get("/api/studies", ctx -> json(ctx, api.studiesJson()));
            config.routes.get("/api/studies/{name}", ctx -> json(ctx, api.studyDetailJson(ctx.pathParam("name"))));
            config.routes.get("/api/studies/{name}/filters", ctx -> json(ctx, api.filtersJson(ctx.pathParam("name"))));
            config.routes.get("/api/studies/{name}/report", ctx -> json(ctx, api.reportJson(ctx.pathParam("name"))));
            config.routes.get("/api/studies/{name}/jobs", ctx -> json(ctx, api.jobsJson(ctx.pathParam("name"))));
            config.routes.get("/api/studies/{name}/trials", ctx -> json(ctx, api.trialsJson(ctx.pathParam("name"),
                    blankless(ctx.queryParam("task")), blankless(ctx.queryParam("controller")),
                    blankless(ctx.queryParam("status")), number(ctx, "offset", 0), number(ctx, "limit", DashboardApi.PAGE))));
            config.routes.get("/api/studies/{name}/curves", ctx -> json(ctx, api.curvesJson(ctx.pathParam("name"),
                    blankless(ctx.queryParam("task")), blankless(ctx.queryParam("controller")),
                    number(ctx, "limit", DashboardApi.CURVES))));
            config.routes.get("/api/trials/{id}", ctx -> json(ctx, api.trialJson(id(ctx.pathParam("id")))));
            config.routes.exception(ForeignHost.class, (e, ctx) -> fail(ctx, 403, e.getMessage(), database));
            config.routes.exception(DashboardApi.NotFound.class, (e, ctx) -> fail(ctx, 404, e.getMessage(), database));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> fail(ctx, 400, e.getMessage(), database));
            config.routes.exception(StoreException.class, (e, ctx) -> fail(ctx, 503, e.getMessage(), database));
            config.routes.exception(Exception.class, (e, ctx) -> fail(ctx, 500, "internal error: " + e, database));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return new DashboardServer(app, host, api, List.of(store, counting));
    }

    /** The store's location as messages name it (a URL's password masked). */
    public String database() {
        return stores.get(0).location();
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    /** Its address, {@code http://HOST:PORT/}. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    /** Stops serving and closes the store. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            api.close();
            stores.forEach(ReopeningStore::close);
        }
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html;charset=utf-8").result(page.getBytes(StandardCharsets.UTF_8));
    }

    private static void json(Context ctx, Object node) {
        ctx.contentType("application/json;charset=utf-8")
                .result(DashboardApi.text(node).getBytes(StandardCharsets.UTF_8));
    }

    /** A failure: JSON {@code {"error": …}} for the API, a page for the rest. */
    private static void fail(Context ctx, int status, String message, String database) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            json(ctx, DashboardApi.error(message));
        } else {
            html(ctx, Pages.notFound(message, database));
        }
    }

    /**
     * Whether {@code host} (a Host header, {@code name[:port]}, or a bind address) names this machine's loopback.
     * Served on the loopback, the dashboard answers only requests addressed to it by such a name: a web page of
     * another site that rebinds its own name to 127.0.0.1 (DNS rebinding) sends its name in the Host header, and
     * would otherwise read the whole store through the user's browser.
     */
    static boolean isLoopbackName(String host) {
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") && host.indexOf(':') == host.lastIndexOf(':') ? host.substring(0, host.indexOf(':'))
                : host;
        name = name.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("[::1]") || name.equals("::1")
                || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** A request addressed to a name other than the loopback's, refused while serving on the loopback. */
    static final class ForeignHost extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ForeignHost(String host) {
            super("the dashboard answers only requests to 127.0.0.1 or localhost, not to " + host);
        }
    }

    private static String blankless(String value) {
        return DashboardApi.nonBlank(value).orElse(null);
    }

    private static int number(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value);
        }
    }

    private static long id(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new DashboardApi.NotFound("a trial id is a whole number, got " + text);
        }
    }

    private static List<Long> ids(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("name the trials to compare: /trials?ids=1,2,3");
        }
        List<Long> ids = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                ids.add(id(part.strip()));
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_COMPARED) {
            throw new IllegalArgumentException("compare 1 to " + MAX_COMPARED + " trials, got " + ids.size());
        }
        return ids;
    }
}
