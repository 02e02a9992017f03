package io.edgecoder.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The minimal {@code /etc} of one run, generated for it and never copied from the host: a
 * {@code passwd} and {@code group} naming the run's uid and gid {@value #USER} with its home,
 * {@code hosts} with localhost, an {@code nsswitch.conf} that looks only at these files, a
 * {@code resolv.conf} without name servers (there is no network), and {@code localtime} as UTC.
 * Programs that ask who they are or where home is ({@code getpwuid}, {@code getpass.getuser},
 * {@code expanduser('~')}) then get an answer.
 */
final class SandboxEtc {
    static final String USER = "sandbox";
    static final Path LOCALTIME = Path.of("/usr/share/zoneinfo/Etc/UTC");
    private static final String END = "EDGECODER_ETC";
    private static final int FIRST_FD = 3;

    private final Map<String, String> files;

    private SandboxEtc(Map<String, String> files) {
        this.files = files;
    }

    /** The files for a run as {@code uid}/{@code gid} whose home is {@code home}. */
    static SandboxEtc forRun(long uid, long gid, String home) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("passwd", "root:x:0:0:root:/root:/usr/sbin/nologin\n"
            + USER + ":x:" + uid + ":" + gid + ":EdgeCoder sandbox:" + home + ":/usr/sbin/nologin\n"
            + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        files.put("group", "root:x:0:\n" + USER + ":x:" + gid + ":\nnogroup:x:65534:\n");
        files.put("hosts", "127.0.0.1\tlocalhost edgecoder-sandbox\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        files.put("nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\nhosts: files\nnetworks: files\n"
            + "protocols: files\nservices: files\n");
        files.put("resolv.conf", "# no name servers: a sandbox has no network\noptions attempts:1 timeout:1\n");
        return new SandboxEtc(Map.copyOf(files));
    }

    String content(String name) {
        return files.get(name);
    }

    /**
     * Shell lines that open each file as a here-document on descriptors 3, 4, ... in the launcher,
     * for {@link #bwrapArgs()}. The contents are ours (numbers and fixed text), never the job's.
     */
    String openDescriptors() {
        StringBuilder script = new StringBuilder();
        int fd = FIRST_FD;
        for (String name : names()) {
            script.append("exec ").append(fd++).append("<<'").append(END).append("'\n")
                .append(files.get(name)).append(END).append('\n');
        }
        return script.toString();
    }

    /** bubblewrap arguments that make {@code /etc} of these files (read-only) from the descriptors of {@link #openDescriptors()}. */
    List<String> bwrapArgs() {
        List<String> args = new ArrayList<>(List.of("--perms", "0755", "--dir", "/etc"));
        int fd = FIRST_FD;
        for (String name : names()) {
            args.addAll(List.of("--perms", "0644", "--ro-bind-data", Integer.toString(fd++), "/etc/" + name));
        }
        if (Files.exists(LOCALTIME)) {
            args.addAll(List.of("--symlink", LOCALTIME.toString(), "/etc/localtime"));
        }
        return args;
    }

    /** Writes {@code passwd} and {@code group} (0644) into {@code dir}, to be bound over the host's; returns their paths. */
    List<Path> writeUserFiles(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String name : List.of("passwd", "group")) {
            Path file = dir.resolve(name);
            Files.writeString(file, files.get(name));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            written.add(file);
        }
        return written;
    }

    private List<String> names() {
        return List.of("passwd", "group", "hosts", "nsswitch.conf", "resolv.conf");
    }
}
