fn main() {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`reviewsift eval … | head`) panicked; restore the
    // default, which ends the process quietly as the reader has stopped reading.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default at start-up, before any thread is spawned.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    if let Err(e) = reviewsift::cli::main() {
        eprintln!("reviewsift: error: {e:#}");
        std::process::exit(1);
    }
}
