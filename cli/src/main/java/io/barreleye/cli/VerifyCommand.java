package io.barreleye.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code barreleye verify}: the main job; today, model-check every model under specs/. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Model-check every model under specs/ (bug variants must fail as their EXPECT line says).")
final class VerifyCommand implements Callable<Integer> {
    @Option(names = "-workers", paramLabel = "N", defaultValue = "auto",
            description = "Worker threads, or 'auto' for one per core (default: ${DEFAULT-VALUE}).")
    String workers;

    @Override
    public Integer call() throws IOException {
        int w = CheckCommand.parseWorkers(workers);
        if (w < 0) return 2;
        return CheckCommand.checkAll(SpecCatalog.specsDir(), w, false);
    }
}
