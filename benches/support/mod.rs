//! Shared by the benchmarks: the deterministic corpus generator.
#![allow(dead_code)]
pub mod corpus_gen;
