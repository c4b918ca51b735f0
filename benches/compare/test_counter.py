"""The counter on hand-made drawings. Run by run.sh; alone with
`python3 -m unittest discover -s benches/compare`."""

import unittest

from counter import Drawing, Lane, Step, bends, crossings, lane_order, size


def arrows(*polylines):
    return Drawing(edges=[[list(p)] for p in polylines])


class Crossings(unittest.TestCase):
    def test_two_crossing_segments_are_one_crossing(self):
        self.assertEqual(crossings(arrows([(0, 0), (10, 10)], [(0, 10), (10, 0)])), 1)

    def test_an_orthogonal_cross_is_one_crossing(self):
        self.assertEqual(crossings(arrows([(0, 5), (10, 5)], [(5, 0), (5, 10)])), 1)

    def test_touching_at_an_endpoint_is_no_crossing(self):
        self.assertEqual(crossings(arrows([(0, 0), (10, 10)], [(10, 10), (20, 0)])), 0)

    def test_an_end_on_the_other_segment_is_no_crossing(self):
        self.assertEqual(crossings(arrows([(0, 5), (10, 5)], [(5, 5), (5, 10)])), 0)

    def test_arrows_along_each_other_do_not_cross(self):
        self.assertEqual(crossings(arrows([(0, 0), (10, 0)], [(5, 0), (15, 0)])), 0)

    def test_segments_of_one_arrow_do_not_cross_each_other(self):
        loop = Drawing(edges=[[[(0, 0), (10, 0), (10, 10), (5, 10), (5, -5)]]])
        self.assertEqual(crossings(loop), 0)

    def test_a_line_across_two_arrows_joined_on_one_track_is_one_crossing(self):
        # Two arrows share x = 10 from y 0 to 20 on their way into one step.
        drawing = arrows(
            [(0, 0), (10, 0), (10, 20), (30, 20)],
            [(0, -5), (10, -5), (10, 25), (30, 25)],
            [(5, 10), (20, 10)],
        )
        self.assertEqual(crossings(drawing), 1)

    def test_each_pair_of_segments_counts(self):
        # A vertical arrow through a U-shaped arrow: two crossings.
        drawing = arrows([(0, 0), (0, 10), (10, 10), (10, 0)], [(-5, 5), (15, 5)])
        self.assertEqual(crossings(drawing), 2)

    def test_many_arrows_are_counted_once_per_pair(self):
        # A grid of 20 horizontal and 20 vertical arrows: 400 crossings, whatever the buckets.
        horizontal = [[(0, y + 0.5), (100, y + 0.5)] for y in range(0, 100, 5)]
        vertical = [[(x + 0.5, 0), (x + 0.5, 100)] for x in range(0, 100, 5)]
        self.assertEqual(crossings(arrows(*horizontal, *vertical)), 400)


class Bends(unittest.TestCase):
    def test_interior_corners_count(self):
        self.assertEqual(bends(arrows([(0, 0), (10, 0), (10, 10), (20, 10)])), 2)

    def test_straight_runs_and_repeated_points_are_no_bends(self):
        self.assertEqual(bends(arrows([(0, 0), (5, 0), (5, 0), (10, 0), (10, 7)])), 1)

    def test_turning_back_is_a_bend(self):
        self.assertEqual(bends(arrows([(0, 0), (10, 0), (4, 0)])), 1)

    def test_a_straight_arrow_has_none(self):
        self.assertEqual(bends(arrows([(0, 0), (10, 0)], [(3, 3), (3, 9)])), 0)


class LaneOrder(unittest.TestCase):
    def test_bands_in_order_with_their_steps_inside(self):
        drawing = Drawing(
            steps=[Step("1", "a", (5, 5, 15, 15)), Step("2", "b", (5, 25, 15, 35))],
            lanes=[Lane("a", box=(0, 0, 50, 20)), Lane("b", box=(0, 20, 50, 40))],
        )
        self.assertEqual(lane_order(drawing), (True, []))

    def test_overlapping_bands_are_not_in_order(self):
        drawing = Drawing(
            steps=[Step("1", "a", (5, 5, 15, 15)), Step("2", "b", (25, 5, 35, 15))],
            lanes=[Lane("a", box=(0, 0, 20, 20)), Lane("b", box=(20, 0, 40, 20))],
        )
        self.assertEqual(lane_order(drawing), (False, ["b not below a"]))

    def test_a_step_outside_its_band(self):
        drawing = Drawing(
            steps=[Step("1", "a", (5, 25, 15, 35))],
            lanes=[Lane("a", box=(0, 0, 50, 20)), Lane("b", box=(0, 20, 50, 40))],
        )
        self.assertEqual(lane_order(drawing), (False, ["step 1 outside a"]))

    def test_without_boxes_the_steps_make_the_bands(self):
        drawing = Drawing(
            steps=[
                Step("1", "a", (0, 30, 10, 40)),
                Step("2", "b", (0, 0, 10, 10)),
                Step("3", "s", (0, 0, 10, 40)),
            ],
            lanes=[Lane("a"), Lane("b"), Lane("s", shared=True)],
        )
        self.assertEqual(lane_order(drawing), (False, ["b not below a"]))

    def test_shared_areas_are_not_bands(self):
        drawing = Drawing(
            steps=[Step("1", "a", (5, 5, 15, 15)), Step("2", "s", (30, 5, 40, 35))],
            lanes=[
                Lane("a", box=(0, 0, 50, 20)),
                Lane("s", shared=True, box=(25, 0, 45, 40)),
                Lane("b", box=(0, 20, 50, 40)),
            ],
        )
        self.assertEqual(lane_order(drawing), (True, []))


class Size(unittest.TestCase):
    def test_box_around_steps_lanes_and_arrows(self):
        drawing = Drawing(
            edges=[[[(0, 0), (0, -10)]]],
            steps=[Step("1", "a", (5, 5, 15, 15))],
            lanes=[Lane("a", box=(0, 0, 50, 20))],
        )
        self.assertEqual(size(drawing), (50, 30))


if __name__ == "__main__":
    unittest.main()
