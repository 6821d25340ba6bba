pub mod app;
pub mod drop_zone;
pub mod result_card;
