// Starts `flowplay lsp` for YAML files. The server itself leaves alone the YAML files that are
// not workflows (their first lines say which are), unless `flowplay.allYaml` is set.
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function createClient(): LanguageClient {
  const config = vscode.workspace.getConfiguration("flowplay");
  const command = config.get<string>("path") || "flowplay";
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "untitled", language: "yaml" },
    ],
    initializationOptions: { allYaml: config.get<boolean>("allYaml") ?? false },
  };
  return new LanguageClient("flowplay", "flowplay", serverOptions, clientOptions);
}

async function start(): Promise<void> {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    const path = vscode.workspace.getConfiguration("flowplay").get<string>("path");
    void vscode.window.showErrorMessage(
      `flowplay: cannot start \`${path} lsp\` (${error}). Install flowplay or set flowplay.path.`,
    );
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("flowplay.restart", async () => {
      await client?.stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("flowplay")) {
        await client?.stop();
        await start();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
