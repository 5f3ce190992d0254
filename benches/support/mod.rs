//! Shared by the benchmarks: the deterministic corpus generator.
#![allow(dead_code, unused_imports)]
pub mod corpus_gen;
