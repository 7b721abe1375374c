package io.barreleye.runtime;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.lincheck.datastructures.DSLScenarioBuilder;
import org.jetbrains.lincheck.datastructures.DSLThreadScenario;

/**
 * A Lincheck scenario written by hand: operations before, in parallel threads, after. Lincheck's
 * scenario DSL takes Kotlin function references; this builds the same from Java, for
 * {@code Options.addCustomScenario}. A hand-written scenario puts the operations a bug needs side
 * by side, so the model checker spends its invocations on their interleavings.
 */
public final class LincheckScenario {
    private final Class<?> test;
    private final List<Actor> initial = new ArrayList<>();
    private final List<List<Actor>> threads = new ArrayList<>();
    private final List<Actor> post = new ArrayList<>();

    private LincheckScenario(Class<?> test) {
        this.test = test;
    }

    /** A scenario over the {@code @Operation} methods of {@code test}. */
    public static LincheckScenario of(Class<?> test) {
        return new LincheckScenario(test);
    }

    /** Adds operation {@code name(args)} to the part run before the parallel one. */
    public LincheckScenario before(String name, Object... args) {
        initial.add(actor(name, args));
        return this;
    }

    /** Adds a parallel thread running the operations {@code ops}, each {@code {name, args...}}. */
    public LincheckScenario thread(Object[]... ops) {
        List<Actor> t = new ArrayList<>();
        for (Object[] op : ops) t.add(actor((String) op[0], Arrays.copyOfRange(op, 1, op.length)));
        threads.add(t);
        return this;
    }

    /** Adds operation {@code name(args)} to the part run after the parallel one. */
    public LincheckScenario after(String name, Object... args) {
        post.add(actor(name, args));
        return this;
    }

    /** The scenario, for {@code Options.addCustomScenario}. */
    public Function1<DSLScenarioBuilder, Unit> build() {
        return b -> {
            b.initial(part(initial));
            b.parallel(p -> {
                for (List<Actor> t : threads) p.thread(part(t));
                return Unit.INSTANCE;
            });
            b.post(part(post));
            return Unit.INSTANCE;
        };
    }

    private static Function1<DSLThreadScenario, Unit> part(List<Actor> actors) {
        return t -> {
            t.addAll(actors);
            return Unit.INSTANCE;
        };
    }

    /** Operation {@code name} of the test class, the one that takes {@code args.length} arguments. */
    private Actor actor(String name, Object... args) {
        for (Class<?> c = test; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                    return new Actor(m, List.of(args), false, false, false, false, false);
                }
            }
        }
        throw new IllegalArgumentException(test.getSimpleName() + " has no operation " + name + " of " + args.length + " arguments");
    }

    /** Runs a Lincheck check and prints how long it took (the README's times come from these lines). */
    public static void timed(String what, Runnable check) {
        long t0 = System.nanoTime();
        check.run();
        System.out.printf("%s: %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
    }
}
