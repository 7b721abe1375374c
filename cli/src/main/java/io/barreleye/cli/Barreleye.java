package io.barreleye.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code barreleye} command: one entry point for checking, and later running and validating. */
@Command(name = "barreleye", mixinStandardHelpOptions = true, version = "barreleye 0.1.0",
        description = "A verified multikernel: TLA+ specs, an embedded model checker, and the multikernel itself.",
        subcommands = {CheckCommand.class, RunCommand.class, SkbCommand.class, TracesCommand.class, VerifyCommand.class,
                BenchCommand.class,
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
            String tlcFlag = unsupportedTlcFlag(ex);
            System.err.println("barreleye: " + (tlcFlag != null ? "TLC's option " + tlcFlag + " is not supported by barreleye "
                    + ex.getCommandLine().getCommandName() : ex.getMessage()));
            System.err.println("Try 'barreleye " + (ex.getCommandLine().getCommandName().equals("barreleye") ? ""
                    : ex.getCommandLine().getCommandName() + " ") + "--help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            // the one exit for an error no command expected: one line, never a Java stack trace
            System.err.println("barreleye " + c.getCommandName() + ": internal error: " + describe(ex));
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (StackOverflowError e) {
            System.err.println("barreleye: the input is nested too deeply to process (stack overflow)");
            return 1;
        } catch (OutOfMemoryError e) {
            System.err.println("barreleye: out of memory; give the JVM more heap, e.g. BARRELEYE_JAVA_OPTS=-Xmx8g");
            return 1;
        }
    }

    /** The TLC option that picocli could not match, when the mistake is a TLC option barreleye lacks. */
    private static String unsupportedTlcFlag(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) return null;
        for (String arg : u.getUnmatched()) if (TlcFlags.unsupported(arg)) return arg;
        return null;
    }

    static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m.lines().findFirst().orElse(""));
    }
}
