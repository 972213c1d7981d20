"""Fitted weights of the pairs of words in a piece (written by attribution_fit.py).

``name weight`` pairs: see :mod:`~grader.transcripts.attribution.cues` for what the
names mean. Fitted on the house-style splits' stripped copies only; do not edit by hand.
"""

PAIRS = """
b:15_minutes 0.08 b:24_hours -0.08 b:30_seconds -0.1 b:a_a 0.2 b:a_bit 0.06 b:a_few 0.07
b:a_fix -0.1 b:a_full 0.05 b:a_good -0.07 b:a_guardrail -0.06 b:a_list -0.14 b:a_lot 0.13
b:a_minute -0.2 b:a_month 0.14 b:a_new -0.06 b:a_number -0.2 b:a_one 0.08 b:a_real -0.06
b:a_retry -0.09 b:a_rule -0.17 b:a_second -0.21 b:a_separate -0.17 b:a_single 0.13
b:a_small -0.06 b:a_test 0.18 b:a_time 0.08 b:a_week -0.22 b:a_you 0.09 b:about_2 -0.07
b:about_3 0.12 b:about_40 -0.49 b:about_a -0.06 b:about_how 0.13 b:about_it 0.06
b:about_the -0.18 b:after_a 0.1 b:after_the 0.13 b:alert_when 0.05 b:all_of 0.26 b:all_the 0.05
b:an_app 0.2 b:an_engineer 0.07 b:an_error 0.16 b:an_hour -0.19 b:and_a -0.15 b:and_by -0.07
b:and_do 0.32 b:and_for -0.45 b:and_how 0.18 b:and_i 0.14 b:and_if -0.05 b:and_is 0.19
b:and_it -0.06 b:and_it's -0.1 b:and_keep 0.23 b:and_make 0.09 b:and_our 0.21 b:and_so -0.09
b:and_that 0.1 b:and_that's 0.11 b:and_the -0.06 b:and_then 0.17 b:and_what 0.08
b:and_when 0.29 b:anything_else -0.15 b:anything_you'd -0.53 b:app_and -0.11 b:app_store 0.07
b:are_a -0.08 b:are_are -0.06 b:are_in -0.15 b:are_the 0.11 b:are_we 0.57 b:are_you -0.13
b:as_an 0.19 b:as_long 0.17 b:as_the -0.08 b:at_a -0.07 b:at_all -0.25 b:at_at 0.06
b:at_least -0.25 b:at_once 0.12 b:at_that 0.08 b:at_the -0.28 b:back_to -0.12 b:be_a -0.08
b:be_the -0.27 b:because_a 0.17 b:because_if 0.11 b:because_it -0.05 b:because_that's -0.12
b:before_i 0.08 b:before_we -0.09 b:before_you -0.22 b:better_than 0.31 b:between_the 0.2
b:but_a 0.15 b:but_it -0.06 b:but_it's 0.14 b:but_the 0.19 b:by_a -0.22 b:by_hand 0.12
b:can_be -0.12 b:can_see 0.13 b:can_you 0.2 b:change_the -0.09 b:come_back -0.16
b:come_from -0.2 b:could_be 0.18 b:could_go -0.34 b:do_it 0.2 b:do_the 0.05 b:do_they 0.12
b:do_we 0.19 b:do_you -0.23 b:does_that -0.35 b:does_the 0.3 b:don't_have -0.28
b:don't_know -0.22 b:engineer_on -0.27 b:engineer_who -0.11 b:enough_to 0.08
b:everything_else 0.1 b:exactly_the -0.1 b:few_questions 0.23 b:few_things 0.29
b:first_the -0.08 b:five_minutes 0.06 b:fix_the 0.18 b:for_a -0.18 b:for_every 0.37
b:for_for 0.07 b:for_me -0.35 b:for_one 0.14 b:for_that 0.2 b:for_the 0.05 b:for_them 0.16
b:for_you 0.13 b:from_a -0.2 b:from_me -0.05 b:from_the -0.1 b:gets_the -0.1 b:give_you -0.44
b:go_to 0.29 b:go_up -0.12 b:go_with 0.17 b:go_wrong -0.25 b:goes_to -0.08 b:going_forward -0.1
b:going_to 0.06 b:got_it 0.19 b:had_to -0.25 b:half_of 0.17 b:happens_to 0.08 b:has_a -0.06
b:has_to 0.11 b:have_a -0.15 b:have_the 0.15 b:have_to -0.23 b:here's_last -0.08
b:here's_some -0.18 b:here's_the -0.1 b:here's_what -0.12 b:how_does -0.35 b:how_long -0.23
b:how_many 0.57 b:how_much 0.05 b:how_often 0.29 b:how_the -0.1 b:how_would -0.7 b:how_you 0.13
b:i'd_also 0.1 b:i'd_do 0.06 b:i'd_keep 0.09 b:i'd_leave 0.09 b:i'd_like -0.27 b:i'd_look 0.09
b:i'd_rather -0.15 b:i'd_use 0.05 b:i'm_not 0.09 b:i'm_the -0.63 b:i_can -0.67 b:i_don't 0.39
b:i_guess 0.29 b:i_know 0.06 b:i_need -1.02 b:i_said 0.18 b:i_see -0.05 b:i_suppose 0.59
b:i_think 0.23 b:i_want 0.06 b:i_wouldn't 0.21 b:if_a -0.13 b:if_i -0.23 b:if_it 0.14
b:if_people 0.11 b:if_the -0.05 b:if_we 0.34 b:if_you -0.12 b:in_a 0.1 b:in_in 0.07
b:in_one -0.1 b:in_our -0.17 b:in_the -0.16 b:in_those -0.1 b:inside_the -0.06
b:instead_of 0.07 b:into_a 0.09 b:into_the 0.08 b:is_about 0.57 b:is_better 0.07
b:is_exactly -0.07 b:is_fine 0.12 b:is_in -0.13 b:is_it 0.39 b:is_like 0.09 b:is_one -0.12
b:is_slow -0.12 b:is_so -0.1 b:is_still 0.08 b:is_that -0.05 b:is_the 0.49 b:is_there -0.38
b:is_this 0.28 b:is_to 0.09 b:is_what 0.3 b:is_working -0.11 b:it's_a 0.18 b:it's_the -0.11
b:it_a 0.14 b:it_and 0.12 b:it_can -0.09 b:it_doesn't -0.06 b:it_for 0.07 b:it_has 0.07
b:it_like 0.08 b:it_needs 0.11 b:it_on 0.22 b:it_should 0.44 b:it_the 0.17 b:it_was -0.14
b:it_works -0.13 b:keep_the 0.09 b:kind_of 0.32 b:know_about -0.15 b:know_if 0.08
b:know_in -0.06 b:know_it -0.16 b:know_of -0.07 b:know_on 0.06 b:know_we -0.12
b:know_what -0.31 b:last_month -0.33 b:last_quarter -0.13 b:least_one -0.33 b:let_me -0.27
b:let_the 0.07 b:like_a 0.22 b:like_an 0.2 b:like_for -0.06 b:like_i 0.12 b:like_it -0.06
b:like_that -0.06 b:like_the 0.06 b:like_to -0.15 b:like_you -0.1 b:look_at 0.06
b:look_like 0.28 b:lot_of -0.27 b:make_it 0.1 b:make_the 0.2 b:makes_sense 0.31 b:may_be 0.09
b:maybe_the 0.15 b:me_be -0.35 b:me_me -0.13 b:me_play -0.1 b:me_through -0.25 b:me_to -0.2
b:measure_whether -0.27 b:more_than -0.14 b:most_of -0.18 b:move_the 0.08 b:need_a -0.36
b:need_the 0.19 b:need_to -0.07 b:needs_a -0.09 b:needs_to 0.13 b:no_i 0.16 b:not_a 0.17
b:not_just 0.12 b:not_really -0.07 b:not_the 0.12 b:now_the 0.07 b:number_of 0.05 b:of_a 0.24
b:of_it 0.26 b:of_our -0.14 b:of_that 0.2 b:of_the -0.13 b:of_users 0.06 b:of_you 0.1
b:off_the 0.12 b:okay_i'm -0.15 b:okay_so 0.26 b:on_a 0.18 b:on_it 0.07 b:on_like -0.11
b:on_on -0.12 b:on_our 0.17 b:on_that 0.08 b:on_the -0.13 b:once_the 0.28 b:one_and 0.07
b:one_is -0.19 b:one_more 0.06 b:one_of -0.42 b:one_that 0.12 b:one_thing -0.24 b:only_the 0.08
b:or_a -0.09 b:or_does 0.33 b:or_is 0.13 b:or_only 0.11 b:or_something 0.27 b:or_the -0.09
b:our_own 0.18 b:out_of 0.41 b:out_the 0.1 b:over_the -0.4 b:owns_the -0.09 b:part_of 0.05
b:people_are 0.12 b:people_who -0.15 b:percent_of -0.26 b:phone_and 0.11 b:play_the -0.1
b:plus_a -0.17 b:plus_the -0.06 b:pm_for -0.06 b:problem_is -0.07 b:put_a 0.12 b:put_in -0.27
b:put_the 0.08 b:rate_is -0.09 b:rate_the 0.06 b:rather_than 0.26 b:right_now -0.37
b:say_the -0.26 b:second_the 0.07 b:see_a -0.22 b:see_if 0.07 b:see_it -0.1 b:see_the -0.09
b:send_the 0.06 b:sends_the 0.09 b:share_of -0.06 b:should_be 0.58 b:should_the -0.78
b:since_that's 0.09 b:since_the 0.08 b:so_and -0.16 b:so_every -0.12 b:so_i 0.07 b:so_i'd 0.19
b:so_if 0.19 b:so_in 0.09 b:so_is -0.14 b:so_it 0.16 b:so_it's 0.27 b:so_like 0.08
b:so_one 0.11 b:so_so 0.21 b:so_that 0.12 b:so_that's 0.14 b:so_the 0.31 b:so_there's 0.05
b:so_they 0.21 b:so_this 0.05 b:so_we 0.49 b:so_what -0.16 b:some_data -0.21
b:something_like -0.06 b:start_with 0.11 b:sure_how 0.19 b:tell_me -0.21 b:tell_the 0.14
b:tell_us 0.12 b:tell_you -0.21 b:than_a 0.22 b:than_the 0.1 b:that's_the 0.19
b:that's_what 0.06 b:that_a 0.1 b:that_is -0.05 b:that_it's 0.07 b:that_makes 0.24
b:that_that -0.12 b:that_the 0.14 b:that_we 0.06 b:the_api -0.06 b:the_app 0.2
b:the_average 0.05 b:the_background 0.12 b:the_big 0.19 b:the_biggest 0.08 b:the_business -0.12
b:the_client -0.09 b:the_cloud 0.21 b:the_complaints 0.31 b:the_current 0.11
b:the_customer 0.09 b:the_data 0.22 b:the_database 0.14 b:the_day 0.14 b:the_difference 0.15
b:the_engineer -0.56 b:the_engineers 0.13 b:the_error 0.12 b:the_event -0.19 b:the_exact 0.17
b:the_file -0.06 b:the_first -0.4 b:the_goal -0.06 b:the_job 0.05 b:the_last -0.11
b:the_like 0.11 b:the_main -0.1 b:the_most -0.19 b:the_new 0.24 b:the_nightly -0.07
b:the_number 0.31 b:the_numbers 0.07 b:the_old 0.06 b:the_one -0.12 b:the_ones -0.1
b:the_options -0.38 b:the_other 0.14 b:the_phone -0.28 b:the_pm -0.22 b:the_primary 0.07
b:the_problem -0.08 b:the_product -0.22 b:the_real -0.05 b:the_requirement 0.08
b:the_rest -0.07 b:the_same 0.05 b:the_second -0.08 b:the_server -0.15 b:the_share -0.18
b:the_so -0.13 b:the_team -0.13 b:the_ticket -0.18 b:the_time 0.07 b:the_two -0.08
b:the_user 0.27 b:the_way -0.17 b:the_wrong 0.12 b:their_own -0.15 b:then_a 0.05 b:then_it 0.16
b:then_the 0.21 b:there's_a -0.07 b:there_a 0.11 b:there_anything -0.43 b:think_about 0.09
b:this_one 0.15 b:three_things 0.15 b:through_a -0.06 b:through_the 0.16 b:time_and -0.06
b:time_for 0.06 b:time_from -0.08 b:time_is -0.1 b:time_or -0.21 b:time_time 0.07
b:time_to 0.25 b:to_a -0.08 b:to_an -0.17 b:to_ask -0.13 b:to_be 0.18 b:to_build 0.08
b:to_do 0.1 b:to_fix 0.15 b:to_get 0.08 b:to_it 0.1 b:to_keep 0.11 b:to_know -0.28
b:to_make 0.18 b:to_our -0.06 b:to_pick -0.23 b:to_see 0.22 b:to_the 0.1 b:to_understand 0.1
b:to_what -0.11 b:two_weeks -0.05 b:until_the -0.29 b:up_and 0.08 b:up_in 0.07 b:up_on -0.11
b:up_the 0.08 b:up_to -0.1 b:us_to -0.08 b:use_the -0.2 b:using_the -0.26 b:walk_me -0.21
b:want_a 0.08 b:want_me -0.06 b:want_the -0.08 b:want_to 0.08 b:way_to 0.14 b:we_can 0.17
b:we_can't 0.09 b:we_do -0.15 b:we_get -0.18 b:we_have 0.15 b:we_keep -0.06 b:we_know 0.1
b:we_need 0.33 b:we_should 0.2 b:we_want 0.2 b:weeks_ago -0.32 b:what's_the 0.11
b:what_about -0.6 b:what_are -0.2 b:what_do -0.11 b:what_exactly 0.1 b:what_happens -0.18
b:what_i 0.62 b:what_if -0.24 b:what_should -0.5 b:what_the 0.59 b:what_they 0.09
b:what_what -0.09 b:what_would -0.29 b:when_a 0.06 b:when_it -0.17 b:when_it's -0.07
b:when_someone 0.17 b:when_the -0.31 b:when_we -0.11 b:when_you 0.31 b:where_the -0.12
b:where_would -0.28 b:whether_a -0.11 b:whether_the 0.11 b:which_is 0.61 b:which_one -0.21
b:which_would 0.12 b:who_owns -0.17 b:with_a 0.22 b:with_an 0.11 b:with_no -0.1
b:with_the -0.12 b:within_a 0.15 b:without_a 0.1 b:worse_than 0.07 b:would_be 0.06
b:would_have 0.34 b:would_the -0.43 b:would_you -0.44 b:wrong_with -0.22 b:you'd_want -0.17
b:you're_the -0.06 b:you_approach -0.07 b:you_can 0.15 b:you_change 0.07 b:you_had -0.24
b:you_have 0.54 b:you_know 0.54 b:you_said -0.14 b:you_start -0.07 b:you_the -0.17
b:you_think -0.12 b:you_want -0.52 b:you_you -0.11
"""
