import Foundation
import PackagePlugin

/// Writes `BuildCommit.swift` into the target: the commit it was built
/// from, so that `koms version` can tell an operator exactly what runs.
///
/// A prebuild command, since only those may run a tool of the system (here
/// `sh` and `git`). It rewrites the file only when the commit changed, so
/// that a build with no change recompiles nothing. Outside a Git checkout,
/// as in a container build from an archive, the commit reads `unknown`.
@main
struct BuildCommit: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        return [
            .prebuildCommand(
                displayName: "Recording the commit of \(target.name)",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", Self.script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: context.pluginWorkDirectoryURL
            )
        ]
    }

    /// $1 is the package folder, $2 the file to write.
    private static let script = """
        commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
        if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
            commit="$commit-modified"
        fi
        text="/// Written by the BuildCommit plugin at build time.
        let buildCommit = \\"$commit\\""
        if [ ! -f "$2" ] || [ "$(cat "$2")" != "$text" ]; then
            printf '%s\\n' "$text" > "$2"
        fi
        """
}
