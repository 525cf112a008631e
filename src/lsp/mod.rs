//! The language server: a thin adapter from LSP to the analysis core.
//!
//! The modules form a DAG; each imports only modules listed before it:
//!
//! 1. `position` (byte offsets ↔ LSP positions), `convert` (core types →
//!    LSP types), `outbound` (the one writer of frames), `sanitize` (frame
//!    validation in front of the codec)
//! 2. `words` (the add-word edits), `actions` (suppress / add-word actions),
//!    `settings` (configuration state, editor settings)
//! 3. `state` (`Shared`, `Doc`, `DocResult`), `worker` (the analysis thread)
//! 4. `backend` (`Backend`, the publisher), `configuration`, `requests`,
//!    `sync`, `code_actions`, `lifecycle` (each adds handlers to `Backend`)
//! 5. `server` (the `LanguageServer` impl, delegating), then this file.

mod actions;
mod backend;
mod code_actions;
mod configuration;
pub mod convert;
mod lifecycle;
pub mod outbound;
pub mod position;
mod requests;
mod sanitize;
mod server;
mod settings;
mod state;
mod sync;
mod words;
mod worker;

pub use backend::Backend;

/// The editor settings parser (the `zhproof` section of the client's
/// configuration → a configuration layer and warnings), public for the fuzz
/// targets and tests; the server itself calls it through `configuration`.
pub use settings::parse_settings;

/// Serve LSP over stdin/stdout until the client says exit (the process
/// ends with code 1 when `exit` came without `shutdown`).
pub async fn run_stdio() {
    crate::core::analyzer::preload();
    let stdin = tokio::io::stdin();
    let stdout = tokio::io::stdout();
    // tower-lsp-server stops reading after one undecodable frame, so frames are
    // validated first: a malformed one becomes a `zhproof/malformedMessage`
    // notification, which is logged, and the server keeps serving.
    // Everything written goes through one frame queue: tower-lsp-server's
    // output (cut into frames), diagnostics the worker serialized itself and
    // the answers the frame validator gives to unknown `$/` requests.
    let (frames_tx, frames_rx) = tokio::sync::mpsc::unbounded_channel();
    let (server_in, proxy_out) = tokio::io::duplex(1 << 16);
    let session = std::sync::Arc::new(sanitize::Session::default());
    tokio::spawn(sanitize::forward(
        stdin,
        proxy_out,
        frames_tx.clone(),
        session.clone(),
    ));
    let (server_out, tower_frames) = tokio::io::duplex(1 << 16);
    let cut = tokio::spawn(outbound::forward_frames(tower_frames, frames_tx.clone()));
    let writer = tokio::spawn(outbound::write_frames(frames_rx, stdout));
    let (service, socket) =
        tower_lsp_server::LspService::build(move |client| Backend::new(client, frames_tx))
            .custom_method("zhproof/documentText", Backend::document_text)
            .custom_method(sanitize::MALFORMED, Backend::malformed_message)
            .finish();
    tower_lsp_server::Server::new(server_in, server_out, socket)
        .serve(service)
        .await;
    // the server's writer is dropped: let the last frames reach stdout
    let drain = async {
        let _ = cut.await;
        let _ = writer.await;
    };
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), drain).await;
    // `exit` without `shutdown` first: the protocol's exit code is 1
    if session.exit_without_shutdown() {
        std::process::exit(1);
    }
}
