// Starts `allylint server` for the documents allylint reads. The server does the
// work (diagnostics, quick fixes, hover, configuration files); this extension
// only finds the executable and restarts the server when its setting changes.

import * as path from "path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

// VS Code's language ids for the formats allylint reads (see its README).
const LANGUAGES = [
  "markdown",
  "restructuredtext",
  "asciidoc",
  "html",
  "plaintext",
  "git-commit",
  "python",
  "javascript",
  "javascriptreact",
  "typescript",
  "typescriptreact",
  "go",
  "rust",
  "java",
  "kotlin",
  "c",
  "cpp",
  "csharp",
  "swift",
  "ruby",
  "php",
  "shellscript",
  "sql",
  "yaml",
  "toml",
  "lua",
  "r",
  "scala",
  "terraform",
  "dockerfile",
  "makefile",
];

let client: LanguageClient | undefined;

/** The configured executable; a relative path with a folder in it is relative to the
 * first workspace folder, so that `.venv/bin/allylint` works in every project. */
function executable(): string {
  const configured = vscode.workspace
    .getConfiguration("allylint")
    .get<string>("path", "allylint")
    .trim();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const hasFolder = configured.includes("/") || configured.includes("\\");
  if (folder && hasFolder && !path.isAbsolute(configured)) {
    return path.join(folder, configured);
  }
  return configured || "allylint";
}

async function start(): Promise<void> {
  const command = executable();
  // TransportKind.stdio adds "--stdio", which `allylint server` accepts.
  const serverOptions: ServerOptions = {
    command,
    args: ["server"],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
  };
  client = new LanguageClient("allylint", "allylint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (error) {
    client = undefined;
    const choice = await vscode.window.showErrorMessage(
      `allylint: could not start "${command} server" (${error}). ` +
        "Install allylint, or set allylint.path to its executable.",
      "Open settings",
    );
    if (choice === "Open settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "allylint.path");
    }
  }
}

async function restart(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("allylint.restartServer", restart),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("allylint.path")) {
        void restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
