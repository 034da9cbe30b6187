package dev.psi.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.store.ResultStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

    @TempDir
    Path dir;

    @Test
    void badInputIsOneLineAndExitStatus2() throws Exception {
        String db = dir.resolve("psi.db").toString();
        ResultStore.open(db).close();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            String[][] cases = {
                {"dashboard", "--db", dir.resolve("missing.db").toString()},
                {"dashboard", "--db", db, "--port", "-1"},
                {"dashboard", "--db", db, "--port", "70000"},
                {"dashboard", "--db", db, "--bind", "no-such-host.invalid"},
                {"dashboard", "--db", db, "--port", String.valueOf(port)},
            };
            String[] expected = {
                "psi dashboard: no database at " + dir.resolve("missing.db") + ": give the --db that 'psi train' wrote to",
                "psi dashboard: --port must be 0 to 65535, got -1",
                "psi dashboard: --port must be 0 to 65535, got 70000",
                "psi dashboard: --bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0; cannot resolve "
                        + "no-such-host.invalid",
                "psi dashboard: cannot listen on 127.0.0.1:" + port + ": ",
            };
            for (int k = 0; k < cases.length; k++) {
                Cli result = Cli.run(cases[k]);
                assertEquals(2, result.exitCode(), String.join(" ", cases[k]) + ": " + result.err());
                assertEquals(1, result.errLines().length, result.err());
                assertTrue(result.err().startsWith(expected[k]), result.err());
            }
        }
    }

    @Test
    void anAddressBeyondThisMachineIsWarnedOfForItHasNoAuthentication() throws Exception {
        assertEquals(Optional.empty(), DashboardCommand.warning("127.0.0.1", InetAddress.getByName("127.0.0.1")));
        assertEquals(Optional.empty(), DashboardCommand.warning("::1", InetAddress.getByName("::1")));
        assertEquals(Optional.of("psi dashboard: warning: listening on 0.0.0.0, beyond this machine; the dashboard has "
                + "no authentication, so anyone who can reach it can read the whole store"),
                DashboardCommand.warning("0.0.0.0", InetAddress.getByName("0.0.0.0")));
    }
}
