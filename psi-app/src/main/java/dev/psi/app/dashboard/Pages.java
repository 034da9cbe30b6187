package dev.psi.app.dashboard;

import dev.psi.lab.report.Html;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The dashboard's HTML pages: shells that name what they show (escaped as the report escapes, {@link Html}) and
 * load {@code dashboard.js}, which fills them from the JSON API and keeps them current. Every value the script
 * puts on a page goes in as text ({@code textContent}), never as markup, so a name from a user's spec (a task
 * called {@code <script>alert(1)</script>}) is shown, not run; the content security policy
 * ({@link DashboardServer}) forbids inline scripts besides.
 */
final class Pages {

    private Pages() {
    }

    /** {@code GET /}: every study. */
    static String studies(String database) {
        return page("Studies", "studies", "", database, """
                <h1>Studies</h1>
                <p class="note">Every study in the store, updated every second. A study run by <code>psi study</code>
                counts its jobs; the others count their trials.</p>
                <table id="studies"><thead><tr><th>study</th><th>preset</th><th>state</th><th>progress</th>
                <th>epochs</th><th>elapsed</th><th>ETA</th><th>verdict</th></tr></thead><tbody></tbody></table>
                """);
    }

    /** {@code GET /studies/{name}}: one study, live. */
    static String study(String name, String database) {
        String escaped = Html.escape(name);
        return page("Study " + name, "study", " data-study=\"" + escaped + "\"", database, """
                <h1>Study <span id="study-name">%s</span></h1>
                <section id="summary">
                <p><span id="state" class="state"></span> <span id="progress"></span></p>
                <div class="bar"><div id="progress-bar"></div></div>
                <p id="verdict" class="verdict" hidden></p>
                </section>
                <section><h2>Jobs</h2>
                <table id="workers"><thead><tr><th>worker</th><th>queued</th><th>claimed</th><th>done</th>
                <th>failed</th></tr></thead><tbody></tbody></table>
                <div id="timeline" class="timeline"></div>
                </section>
                <section><h2>Learning curves</h2>
                <div class="controls">
                <label>task <select id="task-filter"><option value="">all</option></select></label>
                <label>method <select id="method-filter"><option value="">all</option></select></label>
                <label><input type="checkbox" id="log-x"> log steps</label>
                <label><input type="checkbox" id="log-y"> log metric</label>
                <label><input type="checkbox" id="log-lr" checked> log α</label>
                <span id="curve-note" class="note"></span>
                </div>
                <div id="curve-metric" class="chart" data-points="0"></div>
                <div id="curve-lr" class="chart" data-points="0"></div>
                </section>
                <section><h2>Trials</h2>
                <p><button id="page-prev">previous</button> <span id="page-info"></span>
                <button id="page-next">next</button> <a id="compare" href="/trials">compare selected</a></p>
                <table id="trials"><thead><tr><th></th><th>id</th><th>study</th><th>task</th><th>controller</th>
                <th>optimizer</th><th>seed</th><th>status</th><th>epochs</th><th>best val acc</th>
                <th>final val loss</th><th>seconds</th></tr></thead><tbody></tbody></table>
                </section>
                <section id="report" hidden></section>
                """.formatted(escaped));
    }

    /** {@code GET /trials/{id}} and {@code GET /trials?ids=1,2,3}: trials side by side. */
    static String trials(List<Long> ids, String database) {
        String joined = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return page("Trial " + joined, "trials", " data-trials=\"" + joined + "\"", database, """
                <h1>Trial%s %s</h1>
                <div id="trial-columns" class="columns"></div>
                """.formatted(ids.size() == 1 ? "" : "s", joined));
    }

    /** A page for a study, trial or path that is not there. */
    static String notFound(String message, String database) {
        return page("Not found", "none", "", database, "<h1>Not found</h1>\n<p>" + Html.escape(message) + "</p>\n");
    }

    private static String page(String title, String kind, String attributes, String database, String main) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>%s · Psi dashboard</title>
                <link rel="stylesheet" href="/assets/uPlot.min.css">
                <link rel="stylesheet" href="/assets/dashboard.css">
                <script src="/assets/uPlot.iife.min.js" defer></script>
                <script src="/assets/dashboard.js" defer></script>
                </head>
                <body data-page="%s"%s>
                <header><a href="/">Psi dashboard</a> <span class="note">%s (read-only)</span></header>
                <main>
                %s</main>
                </body>
                </html>
                """.formatted(Html.escape(title), kind, attributes, Html.escape(database), main);
    }
}
