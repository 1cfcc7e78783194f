//! Operations that decide and then do more: loading an engine (which lints templates by deciding sample
//! accounts), the template sweep and the evidence pack. They sit above `decision`; `api` calls them.

pub mod evidence;
pub mod load;
pub mod sweep;
