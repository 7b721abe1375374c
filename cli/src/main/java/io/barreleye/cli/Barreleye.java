package io.barreleye.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code barreleye} command: one entry point for checking, and later running and validating. */
@Command(name = "barreleye", mixinStandardHelpOptions = true, version = "barreleye 0.1.0",
        description = "A verified multikernel: TLA+ specs, an embedded model checker, and the multikernel itself.",
        subcommands = {CheckCommand.class, RunCommand.class, TracesCommand.class, VerifyCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Barreleye implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line; user mistakes get one line on stderr and exit status 2, never a trace. */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Barreleye());
        cl.setParameterExceptionHandler((ex, a) -> {
            System.err.println("barreleye: " + ex.getMessage());
            System.err.println("Try 'barreleye " + (ex.getCommandLine().getCommandName().equals("barreleye") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return 2;
        });
        return cl.execute(args);
    }
}
