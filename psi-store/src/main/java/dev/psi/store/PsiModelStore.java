package dev.psi.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.Objects;

/**
 * The {@code psi_models} table: every fitted Ψ model by name, with the study it was fitted to, so that the
 * database alone tells which model came from which surface. Obtained from {@link ResultStore#psiModels()};
 * its calls run one at a time with the store's.
 */
public final class PsiModelStore {

    private final ResultStore store;
    private final Connection connection;
    private final Clock clock;
    private final Catalog catalog;

    PsiModelStore(ResultStore store, Connection connection, Clock clock, Catalog catalog) {
        this.store = store;
        this.connection = connection;
        this.clock = clock;
        this.catalog = catalog;
    }

    /**
     * Records a fitted Ψ model, committed at once. Recording a model under a name already stored replaces
     * that row, so fitting again to the same name keeps the latest fit.
     *
     * @param name the model's name, unique in the store
     * @param kind the model's kind, e.g. {@code formula} or {@code network}
     * @param path the file the model was saved to, or {@code null}
     * @param content the model as JSON
     * @param study the study whose surface was fitted, or {@code null}
     * @return the row's id
     * @throws StoreException if {@code study} is not stored
     */
    public long record(String name, String kind, String path, String content, String study) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        String action = "record Psi model " + name;
        synchronized (store) {
            try {
                Long studyId = null;
                if (study != null) {
                    studyId = catalog.studyId(study).orElseThrow(
                            () -> store.failure(action, "study " + study + " is not stored"));
                }
                try (PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO psi_models (name, kind, path, content, created_at, study_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, path = excluded.path,
                            content = excluded.content, created_at = excluded.created_at, study_id = excluded.study_id
                        RETURNING id""")) {
                    upsert.setString(1, name);
                    upsert.setString(2, kind);
                    upsert.setString(3, path);
                    upsert.setString(4, content);
                    upsert.setString(5, Jdbc.timestamp(clock.instant()));
                    upsert.setObject(6, studyId, Types.BIGINT);
                    try (ResultSet id = upsert.executeQuery()) {
                        id.next();
                        return id.getLong(1);
                    }
                }
            } catch (SQLException e) {
                throw store.failure(action, e);
            }
        }
    }
}
