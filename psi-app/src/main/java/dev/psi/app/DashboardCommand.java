package dev.psi.app;

import dev.psi.app.dashboard.DashboardServer;
import dev.psi.store.ResultStore;
import dev.psi.store.StoreException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code psi dashboard}: a read-only web app over a store, to watch studies while they run (README,
 * "Dashboard"). It serves until the process is stopped (Ctrl-C).
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Serve a read-only web dashboard of the studies and trials in a store, live while studies "
                + "write to it.")
final class DashboardCommand implements Callable<Integer> {

    @Mixin
    private StoreOption database;

    @Option(names = "--port", defaultValue = "8765", paramLabel = "N",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). The dashboard has "
                    + "no authentication: another address lets anyone who can reach it read the store.")
    private String bind;

    @Option(names = "--reports", split = ",", paramLabel = "DIR",
            description = "Folders a study wrote its report to (psi study --out), for the verdict and the results of "
                    + "finished studies.")
    private List<Path> reports = new ArrayList<>();

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0 to 65535, got " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--bind must be an address of this machine, e.g. 127.0.0.1 or 0.0.0.0; "
                    + "cannot resolve " + bind);
        }
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Stores.requireExisting(database.location);
        // Opened here first, so that a store that cannot be read is its own one-line error, not a failure to listen.
        ResultStore.openReadOnly(database.location).close();
        DashboardServer server;
        try {
            server = DashboardServer.start(database.location, reports, bind, port, Clock.systemUTC());
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot listen on " + bind + ":" + port + ": " + reason(e), e);
        }
        warning(bind, address).ifPresent(line -> {
            err.println(line);
            err.flush();
        });
        out.println("dashboard of " + server.database() + " (read-only) at " + server.url() + "; Ctrl-C stops it");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "psi-dashboard-stop"));
        stopped.await();
        return 0;
    }

    /** The warning for an address other than this machine's loopback, which the dashboard has no guard for. */
    static Optional<String> warning(String bind, InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.empty();
        }
        return Optional.of("psi dashboard: warning: listening on " + bind + ", beyond this machine; the dashboard has "
                + "no authentication, so anyone who can reach it can read the whole store");
    }

    /** The innermost message: Jetty wraps "Address already in use" in its own exceptions. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
