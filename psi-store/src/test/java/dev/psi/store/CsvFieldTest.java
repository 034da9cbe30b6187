package dev.psi.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted, quotes doubled. */
class CsvFieldTest {

    @Test
    void quotesOnlyWhatNeedsIt() {
        assertEquals("plain", CsvField.quote("plain"));
        assertEquals("", CsvField.quote(""));
        assertEquals("\"a,b\"", CsvField.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvField.quote("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvField.quote("two\nlines"));
        assertEquals("\"cr\rhere\"", CsvField.quote("cr\rhere"));
    }
}
