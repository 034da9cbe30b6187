-- The files a study's jobs need that are not in the store's other tables (DESIGN.md: "A job carries what it needs
-- through the store; no shared file system"): fitted Ψ models, task spec files and the data files they name.
-- Content-addressed: hash is the SHA-256 of the file's bytes (64 lowercase hex digits), size their number, and
-- content those bytes compressed (gzip). Written once by the process that queues the jobs, never changed: a
-- worker fetches a file by the hash its job names and checks the hash again. The binary column is BLOB here;
-- the other dialect's script differs only in it.
CREATE TABLE files (
    hash TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    content BLOB NOT NULL,
    stored_at TEXT NOT NULL
);
