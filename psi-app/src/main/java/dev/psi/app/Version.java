package dev.psi.app;

import picocli.CommandLine;

/** The version line of {@code psi --version}: Psi's own, and the engine it trains with. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Psi.class.getPackage().getImplementationVersion();
        return new String[] {"psi " + (version == null ? "development build" : version)
                + " (DJL 0.36 + PyTorch 2.7.1, CPU)"};
    }
}
