package dev.psi.app.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's static files, read from the classpath once: its own script and style, and uPlot 1.6.30 (MIT
 * licence, served beside it as {@code uPlot-LICENSE.txt}) from the {@code org.webjars.npm:uplot} jar. Nothing is
 * fetched from a CDN or the network. A request names an asset by its file name, looked up in a fixed table: no
 * path from a request ever reaches the classpath or the file system, so {@code ..} or {@code %2f} in it find
 * nothing.
 */
final class Assets {

    /** An asset's bytes and its content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/";
    private static final String OWN = "dev/psi/app/dashboard/assets/";

    private static final Map<String, Asset> ASSETS = Map.of(
            "uPlot.iife.min.js", load(UPLOT + "dist/uPlot.iife.min.js", "text/javascript;charset=utf-8"),
            "uPlot.min.css", load(UPLOT + "dist/uPlot.min.css", "text/css;charset=utf-8"),
            "uPlot-LICENSE.txt", load(UPLOT + "LICENSE", "text/plain;charset=utf-8"),
            "dashboard.js", load(OWN + "dashboard.js", "text/javascript;charset=utf-8"),
            "dashboard.css", load(OWN + "dashboard.css", "text/css;charset=utf-8"));

    private Assets() {
    }

    /** The asset named {@code name}, if it is one of the table's. */
    static Optional<Asset> named(String name) {
        return Optional.ofNullable(ASSETS.get(name));
    }

    private static Asset load(String resource, String contentType) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard asset " + resource + " is missing from the classpath");
            }
            return new Asset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard asset " + resource, e);
        }
    }
}
