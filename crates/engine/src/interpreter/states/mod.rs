//! One module per state kind with work of its own (Pass and Succeed have none: see `state`).

mod choice;
mod fail;
mod map;
mod parallel;
mod task;
mod wait;

pub(crate) use fail::failure_of;
