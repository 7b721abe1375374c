import io.barreleye.traces.*;
import io.barreleye.channel.Generation;
import io.barreleye.kernel.Machine;
import io.barreleye.membership.*;
import io.barreleye.runtime.*;
import io.barreleye.topology.Machines;
import io.barreleye.vm.*;
import java.nio.file.*;
import java.util.*;
/**
 * Writes the long traces that README.md's validation throughput table measures: one simulated run
 * per protocol, seed 1. Run from the repository root after ./barreleye has built the CLI jar:
 * java -cp cli/target/barreleye.jar bench/long-traces/LongTraces.java OUT_DIR 1000
 * (scale 1000: 30,000 messages each way per channel generation, 4,000 unmap rounds, 3,000 churn
 * rounds), then ./barreleye traces check OUT_DIR/*.ndjson.
 */
public class LongTraces {
  public static void main(String[] a) throws Exception {
    Path out = Path.of(a[0]); Files.createDirectories(out);
    int scale = Integer.parseInt(a[1]);
    for (Generation g : Generation.values()) {
      UrpcMapping m = UrpcDriver.simulate(g, 4, 30*scale, 1);
      Files.write(out.resolve("urpc-"+UrpcMapping.gen(g)+".ndjson"), m.lines());
    }
    { CoreRuntime rt = new SimRuntime(1);
      Machine m = Machine.boot(Machines.named("amd-4x4"), 3, Generation.EPOCH_ACK, 8, rt.clock());
      Vm.install(m, TreeShape.BROADCAST, Set.of(), 1);
      ShootdownMapping map = ShootdownMapping.forTrees(m.topology(), TreeShape.BROADCAST, 3, 3, 1);
      Vm.setRecorder(m, map.observe(m));
      System.out.println("vm done " + rt.run(m, new VmWorkload(4*scale, TreeShape.BROADCAST).start(m), rt.budget(2_000_000_000L)));
      Files.write(out.resolve("unmap.ndjson"), map.lines()); }
    { CoreRuntime rt = new SimRuntime(1);
      Machine m = Machine.boot(Machines.named("amd-4x4"), 4, Generation.EPOCH_ACK, 8, rt.clock());
      MembershipMapping map = MembershipMapping.forMachine(m.topology().size(), 4, "Membership.cfg").observe(m);
      Membership.install(m, Set.of(), map);
      System.out.println("mem done " + rt.run(m, new MembershipWorkload(3*scale).start(m), rt.budget(2_000_000_000L)));
      Files.write(out.resolve("churn.ndjson"), map.lines()); }
  }
}
