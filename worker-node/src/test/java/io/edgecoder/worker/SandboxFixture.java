package io.edgecoder.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one sandbox of a test class, registered on a static field with {@code @RegisterExtension}.
 * Before the class's tests it checks the host has what the level needs (the class is skipped,
 * not failed, where it does not) and makes the sandbox in a fresh temporary directory; after
 * them it closes the sandbox and removes its directories.
 */
public final class SandboxFixture implements BeforeAllCallback, AfterAllCallback {
    /**
     * A sandbox and where it keeps things on the host.
     *
     * @param workDir the directory it works in: the one it was given, or where it fell back to
     * @param runBase where it puts each run's host-side files
     * @param residents uids whose processes and cgroups are expected between runs (pre-started sandboxes)
     */
    public record Made(Sandbox sandbox, Path workDir, Path runBase, Supplier<Set<Integer>> residents) {
        public Made(Sandbox sandbox, Path workDir, Path runBase) {
            this(sandbox, workDir, runBase, Set::of);
        }
    }

    private record Requirement(BooleanSupplier met, String what) {
    }

    private final int firstUid;
    private final int uidCount;
    private final Function<Path, Made> factory;
    private final List<Requirement> requirements;
    private Path temp;
    private Made made;

    /**
     * @param firstUid first uid of the sandbox's uid pool, and {@code uidCount} its size (0 for none)
     * @param factory makes the sandbox in the given work directory; it may first assume what the host must offer
     */
    public SandboxFixture(int firstUid, int uidCount, Function<Path, Made> factory) {
        this(firstUid, uidCount, factory, List.of());
    }

    private SandboxFixture(int firstUid, int uidCount, Function<Path, Made> factory, List<Requirement> requirements) {
        this.firstUid = firstUid;
        this.uidCount = uidCount;
        this.factory = factory;
        this.requirements = requirements;
    }

    /** The same fixture, skipping its class unless {@code met} also holds. */
    public SandboxFixture requiring(BooleanSupplier met, String what) {
        List<Requirement> all = new ArrayList<>(requirements);
        all.add(new Requirement(met, what));
        return new SandboxFixture(firstUid, uidCount, factory, List.copyOf(all));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        for (Requirement r : requirements) {
            assumeThat(r.met().getAsBoolean()).as(r.what()).isTrue();
        }
        temp = Files.createTempDirectory("edgecoder-sandbox-test");
        made = factory.apply(temp.resolve("work"));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (made != null) {
            made.sandbox().close();
            if (!made.runBase().startsWith(temp)) {
                // A fallback base outside the temporary directory is the sandbox's, not a run's; the test removes it.
                Files.deleteIfExists(made.runBase());
            }
        }
        if (temp != null) {
            deleteTree(temp);
        }
    }

    public Sandbox sandbox() {
        return made.sandbox();
    }

    public Path workDir() {
        return made.workDir();
    }

    public Path runBase() {
        return made.runBase();
    }

    /**
     * Nothing of a run is left on the host: no process with {@code marker} or of the sandbox's uids,
     * no run cgroup, no run directory. Pre-started sandboxes waiting for their job (the
     * {@link Made#residents()}, asked before and after looking) are not a run's leftovers.
     */
    public void assertNothingLeft(String marker) {
        Set<Integer> expected = new java.util.HashSet<>(made.residents().get());
        List<Long> processes = HostState.processesOfUids(firstUid, uidCount, expected);
        List<Path> cgroups = HostState.runCgroups(firstUid, uidCount, expected);
        expected.addAll(made.residents().get());
        assertThat(Runs.processesWith(marker)).as("processes of the run").isEmpty();
        assertThat(processes.stream().filter(pid -> !expected.contains(HostState.uidOfProcess(pid)))).as("processes of sandbox uids").isEmpty();
        assertThat(cgroups.stream().filter(p -> !expected.contains(HostState.uidOfCgroup(p)))).as("per-run cgroups").isEmpty();
        assertThat(Runs.leftovers(runBase())).as("run directories").isEmpty();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
