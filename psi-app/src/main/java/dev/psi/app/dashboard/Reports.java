package dev.psi.app.dashboard;

import dev.psi.lab.report.SavedReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The study reports the dashboard knows of: the folders given with {@code --reports} (each a {@code psi study}
 * {@code --out}), read again only when their {@code results.json} changes. The store does not record where a
 * study wrote its report, so the user names the folders; a study without one is shown without its verdict.
 */
final class Reports {

    private record Cached(FileTime modified, Optional<SavedReport> report) {
    }

    private final List<Path> folders;
    private final Map<Path, Cached> cache = new ConcurrentHashMap<>();

    Reports(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The report of study {@code name}, from the first folder that holds one of it. */
    Optional<SavedReport> of(String name) {
        for (Path folder : folders) {
            Optional<SavedReport> report = read(folder);
            if (report.isPresent() && report.get().study().equals(name)) {
                return report;
            }
        }
        return Optional.empty();
    }

    private Optional<SavedReport> read(Path folder) {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(folder.resolve("results.json"));
        } catch (IOException noReportYet) {
            return Optional.empty();
        }
        Cached cached = cache.get(folder);
        if (cached == null || !cached.modified().equals(modified)) {
            cached = new Cached(modified, SavedReport.read(folder));
            cache.put(folder, cached);
        }
        return cached.report();
    }
}
