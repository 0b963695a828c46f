//! Chart adapters.

use super::five_point;
use crate::report::charting::level_position;

#[test]
fn a_percent_sits_between_its_level_and_the_next_in_proportion() {
    let q = five_point();
    // Levels start at 0, 20, 40, 60 and 80 percent.
    assert_eq!(level_position(&q, 30.0), 2.5);
    assert_eq!(level_position(&q, 20.0), 2.0);
    assert_eq!(level_position(&q, 10.0), 1.5);
    assert_eq!(level_position(&q, 0.0), 1.0);
    // Above the last threshold the share runs to 100% (95 is 5.75) and is capped at level 5.
    assert_eq!(level_position(&q, 95.0), 5.0);
}
