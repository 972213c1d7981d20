"""Fitted weights of the attribution cues (written by attribution_fit.py).

``name weight`` pairs: see :mod:`~grader.transcripts.attribution.cues` for what the
names mean. Fitted on the house-style splits' stripped copies only; do not edit by hand.
"""

OPENER = 10.65
TEMPERATURE = 1.05
PIECE = """
bias 0.2 acknowledgement 0.65 data -0.32 first:1 -0.07 first:10 -0.1 first:14 0.06
first:15 -0.07 first:20 -0.13 first:3 -0.1 first:4 0.07 first:8 0.12 first:about -0.45
first:across 0.09 first:actually -0.1 first:after -0.08 first:all 0.08 first:already -0.11
first:an -0.13 first:and 0.09 first:android -0.06 first:another -0.27 first:any -0.25
first:anything -0.34 first:app -0.11 first:approach -0.08 first:are 0.11 first:as 0.13
first:at 0.12 first:back -0.18 first:basically 0.18 first:be 0.13 first:because 0.1
first:better -0.06 first:both -0.2 first:build 0.07 first:by -0.23 first:can 0.31
first:can't 0.08 first:change 0.17 first:changed 0.1 first:changes -0.06 first:check -0.11
first:client -0.06 first:come 0.06 first:complaints -0.1 first:correct 0.1 first:cost 0.09
first:could 0.07 first:customers -0.29 first:day 0.14 first:did 0.24 first:do -0.12
first:doesn't 0.06 first:down 0.05 first:each -0.28 first:either 0.21 first:engineer -0.13
first:event -0.09 first:every -0.07 first:everyone 0.08 first:everything 0.05
first:exactly -0.05 first:fast 0.17 first:few 0.06 first:file 0.09 first:first 0.29
first:five 0.25 first:fix 0.17 first:for 0.31 first:four 0.1 first:from 0.15 first:get 0.18
first:goes 0.06 first:good 0.06 first:got 0.18 first:has 0.08 first:here -0.32
first:here's -0.5 first:honestly 0.2 first:hour 0.05 first:hours -0.06 first:how -0.11
first:i -0.22 first:i'd 0.37 first:i'll -0.13 first:i'm -0.15 first:id 0.17 first:if -0.15
first:in -0.06 first:instead 0.12 first:into -0.08 first:ios -0.19 first:is 0.14 first:it -0.22
first:it's -0.14 first:itself 0.05 first:just 0.14 first:keep 0.14 first:keeps 0.12
first:last -0.33 first:later 0.09 first:let -0.34 first:let's -0.18 first:like 0.15
first:long 0.07 first:make 0.34 first:many -0.06 first:matters 0.1 first:maybe 0.45
first:means 0.06 first:minutes -0.11 first:more 0.07 first:most -0.44 first:mostly -0.7
first:move 0.13 first:no 0.18 first:nobody 0.09 first:not 0.12 first:nothing -0.15
first:now -0.05 first:number 0.16 first:numbers -0.07 first:often -0.1 first:oh 0.63
first:old 0.13 first:on 0.21 first:one -0.38 first:ones -0.09 first:only -0.2 first:or 0.3
first:order -0.07 first:our -0.14 first:over -0.14 first:overall -0.18 first:page 0.07
first:people 0.18 first:per -0.06 first:person 0.11 first:phone -0.05 first:plus 0.07
first:probably 0.27 first:put 0.07 first:rate 0.06 first:read 0.07 first:real -0.06
first:really 0.12 first:report 0.09 first:request -0.12 first:retry 0.11 first:right -0.09
first:roughly 0.22 first:run 0.14 first:same 0.05 first:say -0.26 first:second 0.55
first:send -0.07 first:service -0.06 first:several -0.05 first:should 0.1 first:shows 0.08
first:side 0.08 first:slow 0.16 first:small 0.07 first:some -0.45 first:someone -0.22
first:something 0.23 first:support -0.22 first:sure 0.18 first:system -0.08 first:take 0.06
first:team -0.07 first:tell -0.07 first:test 0.06 first:than 0.08 first:that 0.35
first:that's 0.05 first:then 1.24 first:there 0.23 first:they -0.16 first:they're 0.07
first:think -0.07 first:third 0.19 first:this 0.13 first:those -0.19 first:three 0.45
first:time -0.07 first:times 0.12 first:to -0.05 first:today -0.62 first:too 0.14
first:two 0.32 first:until -0.08 first:up 0.18 first:usually -0.2 first:volume 0.08
first:walk -0.13 first:was 0.18 first:way 0.06 first:we -0.51 first:we'd 0.18 first:week 0.06
first:well 0.07 first:went 0.06 first:were -0.15 first:what -0.46 first:what's -0.07
first:whatever 0.29 first:whether 0.12 first:which 0.06 first:whichever 0.29 first:who 0.08
first:why -0.46 first:will 0.15 first:window -0.06 first:with 0.28 first:within -0.09
first:without 0.06 first:working -0.11 first:works -0.07 first:would 0.21 first:write 0.05
first:wrong -0.17 first:yeah 0.23 first:yes 0.19 first:you -0.27 first:you'd 0.09
first:you're -0.18 first_person 0.22 length 0.15 prompt -1.46 question_mark -1
question_opener -0.09 second_person -0.42 w:0 0.24 w:000 0.27 w:1 -0.18 w:10 0.08 w:100 0.19
w:12 0.17 w:13 0.12 w:14 0.16 w:15 -0.12 w:18 -0.16 w:19 -0.06 w:2 0.17 w:20 -0.28 w:200 0.13
w:22 -0.05 w:24 -0.24 w:25 -0.22 w:27 0.12 w:30 -0.44 w:35 -0.3 w:38 -0.12 w:4 -0.1 w:40 -0.45
w:400 -0.05 w:41 -0.13 w:45 0.05 w:5 0.08 w:50 0.25 w:500 0.06 w:55 -0.1 w:6 0.19 w:60 0.16
w:62 0.07 w:70 -0.42 w:71 0.09 w:80 -0.13 w:90 -0.15 w:900 -0.09 w:a -0.08 w:about -0.36
w:above -0.07 w:acceptable -0.34 w:account 0.15 w:accounts -0.13 w:accurate -0.05 w:across 0.21
w:active -0.09 w:actually 0.11 w:add 0.35 w:adds -0.23 w:after -0.17 w:against 0.37 w:ago -0.31
w:agree 0.3 w:all -0.21 w:almost 0.18 w:also -0.15 w:always 0.14 w:am -0.06 w:amount 0.1
w:an 0.18 w:and 0.16 w:android -0.24 w:another -0.22 w:answer 0.05 w:anyone 0.12
w:anything -0.42 w:anyway 0.3 w:api -0.24 w:app -0.26 w:approach -0.26 w:apps 0.11
w:aren't -0.25 w:arrive -0.28 w:arrives -0.12 w:arriving -0.27 w:as 0.15 w:ask 0.1 w:asked -0.3
w:asking -0.27 w:asks -0.13 w:assume 0.12 w:automated 0.06 w:automatic -0.18 w:available -0.08
w:average 0.07 w:away 0.22 w:back 0.08 w:backend -0.08 w:background 0.22 w:bad 0.21
w:basically 0.68 w:batch 0.16 w:battery -0.11 w:be 0.26 w:because 0.21 w:becomes 0.26
w:been -0.28 w:before 0.08 w:behind 0.05 w:being 0.19 w:below -0.15 w:best 0.18 w:better 0.48
w:between 0.12 w:beyond 0.19 w:big 0.35 w:biggest 0.15 w:bit 0.08 w:board -0.1 w:both 0.4
w:break 0.31 w:breaks 0.07 w:broken 0.29 w:browser 0.31 w:bucket 0.16 w:bug 0.06 w:build -0.47
w:building -0.07 w:button -0.13 w:buy -0.17 w:by -0.23 w:calls -0.08 w:came -0.26 w:can -0.08
w:can't -0.23 w:cancellations 0.15 w:cap -0.21 w:card -0.21 w:care 0.26 w:carries 0.18
w:case 0.28 w:catch 0.18 w:change 0.17 w:changed -0.1 w:changes 0.14 w:changing 0.08
w:cheap 0.45 w:clear 0.22 w:client 0.14 w:clock 0.19 w:cloud 0.1 w:cluster 0.21 w:come -0.48
w:coming -0.06 w:company -0.11 w:compare 0.07 w:complain -0.14 w:complaining -0.07
w:complaint -0.06 w:complaints -0.2 w:complete 0.15 w:completed 0.07 w:computed -0.32
w:confirm 0.26 w:control 0.47 w:conversion 0.12 w:copy -0.42 w:correct 0.31 w:cost 0.28
w:costs -0.47 w:could -0.23 w:counts 0.2 w:couple 0.07 w:create -0.2 w:created -0.32
w:current 0.11 w:customer 0.19 w:customers -0.24 w:cut 0.27 w:daily 0.09 w:dashboard 0.12
w:data 0.21 w:database -0.06 w:date -0.06 w:days -0.13 w:decides 0.19 w:delivery -0.13
w:depend -0.06 w:details 0.15 w:device -0.27 w:devices -0.12 w:did 0.66 w:didn't -0.23
w:difference 0.19 w:directly 0.08 w:do 0.25 w:does 0.06 w:doesn't -0.26 w:doing 0.18
w:dollars -0.08 w:don't -0.19 w:done -0.1 w:down 0.28 w:download -0.14 w:downside -0.06
w:driven -0.16 w:drop 0.08 w:drops -0.19 w:during -0.26 w:each -0.07 w:easy 0.17 w:edge 0.17
w:either 0.09 w:email -0.12 w:ends 0.16 w:engineer -1.6 w:engineering -0.15 w:enough 0.07
w:error 0.07 w:errors 0.3 w:even 0.09 w:event 0.16 w:everyone 0.43 w:everything 0.27
w:exact 0.17 w:existing 0.15 w:expect 0.15 w:expensive 0.15 w:experience 0.37 w:explain -0.13
w:extra 0.13 w:fail -0.09 w:failed -0.28 w:fails -0.23 w:failure 0.16 w:failures 0.21
w:fall 0.08 w:falls -0.1 w:far 0.14 w:fast 0.08 w:faster 0.39 w:feel 0.44 w:feels -0.06
w:few 0.2 w:fewer 0.27 w:figure 0.19 w:file 0.12 w:files -0.21 w:final 0.08 w:finance 0.1
w:find 0.09 w:fine 0.67 w:first 0.47 w:fits 0.39 w:five -0.15 w:fix 0.32 w:fixed -0.21
w:fixes 0.19 w:flag 0.11 w:flagged -0.15 w:follow 0.11 w:for -0.25 w:form 0.19 w:forward -0.1
w:free -0.2 w:fresh 0.18 w:from -0.09 w:front -0.37 w:full -0.17 w:further -0.14 w:gap 0.35
w:general 0.07 w:get 0.22 w:gets 0.14 w:getting -0.1 w:give -0.25 w:gives 0.35 w:goal -0.15
w:going 0.2 w:gone 0.21 w:good 0.29 w:got 0.07 w:group 0.36 w:guardrail -0.14 w:guardrails 0.19
w:guess 0.49 w:had -0.6 w:half 0.13 w:hand 0.08 w:handle 0.3 w:happen -0.27 w:happened 0.08
w:happens 0.33 w:hard -0.16 w:has -0.21 w:hasn't 0.07 w:help -0.1 w:helps 0.24 w:here -0.54
w:here's -0.78 w:high 0.12 w:higher 0.13 w:history 0.08 w:hold -0.12 w:holding 0.14
w:holds 0.16 w:home -0.13 w:honest 0.3 w:honestly 0.29 w:hours -0.24 w:how -0.32 w:i 0.54
w:i'd 0.77 w:i'll -0.18 w:i'm -0.28 w:i've 0.19 w:id 0.18 w:idempotent 0.19 w:if 0.27
w:in -0.14 w:including 0.09 w:index 0.11 w:inside -0.13 w:instead 0.23 w:interesting 0.22
w:ios -0.13 w:is 0.51 w:isn't -0.18 w:issue -0.1 w:it 0.48 w:it's 0.64 w:item -0.11
w:items -0.29 w:its 0.26 w:itself -0.11 w:jump 0.18 w:just 0.62 w:keeps 0.05 w:key 0.07
w:keyed 0.07 w:kind 0.55 w:know 0.34 w:lag 0.25 w:land 0.07 w:lands 0.14 w:large -0.29
w:last -0.57 w:late -0.22 w:latency 0.26 w:later 0.07 w:launch -0.19 w:lead -0.42
w:leadership -0.27 w:least -0.36 w:leave 0.3 w:less 0.14 w:let -0.3 w:let's -0.28 w:like 0.18
w:likely 0.3 w:limit -0.16 w:line -0.55 w:link -0.18 w:list -0.15 w:live -0.28 w:lives 0.12
w:load 0.08 w:local -0.23 w:lock -0.39 w:log 0.09 w:long 0.14 w:longer 0.07 w:look 0.26
w:looks 0.33 w:lot -0.05 w:low -0.1 w:made -0.08 w:main -0.11 w:make 0.55 w:makes 0.39
w:making 0.22 w:manual -0.23 w:many 0.63 w:matches 0.38 w:matching -0.11 w:matters 0.31
w:maybe 0.9 w:me -0.82 w:meaning -0.29 w:measured -0.08 w:median -0.09 w:memory -0.06
w:mentioned -0.37 w:message -0.25 w:messages -0.13 w:metric 0.12 w:mid -0.16 w:might 0.26
w:milliseconds 0.12 w:minutes -0.25 w:miss -0.07 w:mobile -0.39 w:model 0.22 w:moment -0.3
w:money 0.12 w:month -0.26 w:monthly 0.17 w:months -0.22 w:more 0.15 w:morning -0.11
w:most 0.12 w:mostly -0.17 w:move 0.22 w:moved -0.08 w:moving -0.12 w:much 0.42 w:must 0.21
w:my 0.19 w:near -0.12 w:nearly 0.14 w:need -0.2 w:needs 0.19 w:never 0.24 w:next -0.05
w:night -0.27 w:nightly -0.32 w:no -0.12 w:nobody 0.55 w:noisy -0.13 w:normal -0.12 w:not 0.63
w:nothing 0.21 w:notice 0.16 w:notification -0.3 w:now -0.5 w:number 0.55 w:numbers 0.38
w:of -0.08 w:offline -0.41 w:often 0.15 w:oh 0.52 w:old 0.07 w:older 0.07 w:on -0.1 w:one 0.13
w:ones 0.25 w:only 0.09 w:open -0.08 w:opening 0.09 w:option -0.49 w:options -0.31 w:or 0.31
w:orders -0.09 w:original -0.2 w:others 0.15 w:our -0.56 w:outside 0.15 w:over 0.09
w:overall 0.29 w:owns -0.24 w:page -0.13 w:paid -0.08 w:part 0.42 w:path 0.29 w:pay -0.25
w:paying 0.38 w:peak 0.16 w:pending -0.14 w:people 0.79 w:percentage 0.09 w:percentile -0.24
w:period -0.14 w:person 0.18 w:phone -0.17 w:pick -0.23 w:picks -0.25 w:place -0.1 w:plan -0.45
w:platform -0.12 w:pm -0.27 w:point 0.31 w:points 0.15 w:post -0.2 w:pretty 0.15 w:price -0.29
w:primary 0.28 w:probably 0.69 w:problem 0.43 w:product -0.19 w:provider 0.24 w:pull 0.15
w:push -0.14 w:quality -0.14 w:quarter -0.35 w:query 0.08 w:question 0.39 w:questions 0.41
w:queue -0.15 w:quick 0.21 w:quickly 0.27 w:rate -0.2 w:rates 0.06 w:rather 0.39 w:rating 0.34
w:re -0.16 w:reach -0.05 w:read 0.24 w:reading 0.15 w:reads -0.1 w:ready 0.17 w:real 0.09
w:really 0.64 w:reason 0.14 w:record 0.45 w:refresh -0.24 w:release 0.09 w:report 0.11
w:reported 0.09 w:request -0.47 w:response 0.07 w:rest -0.29 w:results -0.48 w:retries -0.07
w:retry 0.18 w:return -0.15 w:returns 0.13 w:revenue -0.14 w:review -0.11 w:right 0.35
w:risk 0.32 w:risks -0.07 w:room -0.25 w:roughly 0.3 w:row -0.22 w:rules 0.14 w:runs -0.16
w:said 0.09 w:same 0.13 w:sample 0.09 w:say 0.15 w:saying 0.08 w:schedule -0.25 w:screen -0.29
w:second 0.28 w:seconds -0.15 w:see 0.49 w:sees 0.2 w:send -0.18 w:sends -0.05 w:sense 0.3
w:sent -0.15 w:separately -0.14 w:server -0.26 w:servers -0.11 w:service -0.36 w:session -0.23
w:sessions -0.41 w:set 0.2 w:seven -0.21 w:several -0.29 w:share 0.09 w:shared -0.12
w:ship -0.29 w:shipped -0.41 w:should -0.12 w:shouldn't 0.49 w:showing -0.11 w:shown -0.08
w:shows 0.14 w:side 0.26 w:sign -0.09 w:signal 0.07 w:signed 0.13 w:simple 0.09 w:since 0.33
w:single 0.12 w:sit -0.05 w:six -0.28 w:slow -0.16 w:slower 0.15 w:small 0.3 w:smaller 0.26
w:so 0.76 w:some -0.39 w:something -0.19 w:sometimes -0.33 w:somewhere 0.24 w:sounds 0.38
w:source 0.12 w:specific -0.18 w:speed 0.19 w:spend -0.08 w:split 0.21 w:stale -0.21
w:standard 0.15 w:start 0.09 w:started -0.39 w:starting -0.11 w:starts 0.12 w:state 0.3
w:status -0.08 w:stay -0.07 w:stays 0.08 w:step -0.08 w:still -0.08 w:stop 0.12 w:stops 0.11
w:storage 0.29 w:store 0.06 w:stored -0.07 w:stores -0.06 w:story 0.21 w:straight 0.07
w:success 0.2 w:suppose 0.67 w:sure 0.44 w:sync 0.08 w:system -0.29 w:tail 0.37 w:take 0.06
w:taken 0.16 w:takes -0.2 w:talk -0.07 w:target 0.06 w:team -0.37 w:technical 0.05
w:technically -0.49 w:tell 0.08 w:tells 0.37 w:ten -0.42 w:than 0.48 w:that 0.33 w:that's 0.96
w:the 0.11 w:their -0.23 w:them 0.14 w:then 0.56 w:there -0.17 w:these 0.39 w:they'd 0.21
w:they'll 0.17 w:they're 0.22 w:they've 0.11 w:thing 0.21 w:things 0.44 w:think 0.51
w:third 0.28 w:this 0.07 w:those -0.1 w:though -0.21 w:three -0.05 w:threshold -0.36
w:through 0.08 w:ticket -0.66 w:tickets 0.09 w:time -0.11 w:timeout 0.24 w:timing 0.21
w:to -0.05 w:too 0.26 w:top 0.06 w:total 0.29 w:track -0.19 w:transaction -0.24 w:trust 0.34
w:try -0.23 w:turn -0.08 w:two -0.18 w:under 0.43 w:understand 0.18 w:unless 0.11 w:until -0.42
w:up 0.1 w:us -0.12 w:use 0.07 w:used 0.14 w:useful 0.15 w:user 0.13 w:users 0.23 w:uses 0.13
w:using 0.09 w:usually -0.1 w:value 0.29 w:version 0.19 w:versus 0.17 w:very 0.45 w:view 0.09
w:visible 0.25 w:volume -0.06 w:wait -0.1 w:waiting 0.5 w:waits -0.05 w:want -0.27
w:wants -0.45 w:was -0.2 w:way 0.48 w:ways -0.07 w:we -0.12 w:we'd 0.28 w:we're 0.27
w:weekly 0.06 w:weeks -0.29 w:well 0.31 w:went -0.09 w:were -0.27 w:what -0.48 w:what's -0.12
w:whatever 0.45 w:when -0.08 w:where 0.21 w:whether 0.2 w:which 0.16 w:whichever 0.29
w:while -0.29 w:who -0.26 w:whole -0.14 w:why -0.16 w:will 0.09 w:window 0.14 w:with 0.17
w:within 0.11 w:without 0.36 w:work -0.08 w:worked -0.26 w:works 0.25 w:worse 0.17 w:worst -0.1
w:worth 0.29 w:would -0.46 w:wouldn't 0.39 w:write -0.26 w:writes -0.08 w:wrong -0.09
w:yeah 0.26 w:year -0.12 w:yes -0.2 w:yet -0.06 w:you -0.1 w:you'd -0.54 w:you're -0.19
w:your 0.06 w:zero -0.12 we -0.01 working 0.92
"""
SWITCH = """
acknowledgement 2.28 after:1 -0.07 after:10 -0.07 after:14 -0.06 after:15 -0.07 after:2 -0.09
after:20 -0.11 after:3 -0.08 after:30 -0.07 after:4 -0.12 after:40 -0.07 after:5 -0.08
after:6 -0.06 after:a -0.13 after:about 0.15 after:above -0.05 after:across -0.07
after:actually 0.18 after:after -0.21 after:all 0.25 after:also -0.18 after:an -0.13
after:and -0.45 after:android 0.06 after:another 0.13 after:any 0.33 after:anything 0.94
after:api -0.08 after:app -0.24 after:are -0.41 after:as -0.31 after:at -0.24
after:average 0.09 after:basically 0.06 after:before 0.24 after:being -0.12 after:better 0.08
after:between -0.1 after:both 0.68 after:build 0.11 after:but -0.58 after:by -0.17
after:call -0.1 after:can -0.29 after:change -0.19 after:changes -0.1 after:cheap -0.07
after:check -0.07 after:come -0.09 after:complaints -0.09 after:correct -0.22 after:costs -0.08
after:could -0.11 after:count 0.06 after:customers -0.18 after:data -0.15 after:day -0.13
after:days -0.16 after:device 0.05 after:did -0.16 after:different -0.11 after:does -0.35
after:doesn't -0.1 after:don't -0.12 after:down -0.11 after:each 0.07 after:else -0.05
after:event -0.09 after:every -0.14 after:exactly -0.52 after:faster 0.28 after:file -0.07
after:fine 0.19 after:first 0.12 after:fix -0.06 after:for -0.24 after:from -0.14
after:get -0.19 after:gets -0.12 after:give -0.31 after:goes -0.1 after:has -0.34
after:have -0.24 after:here 0.4 after:here's 0.6 after:hold -0.06 after:honestly 0.35
after:hour -0.06 after:hours -0.11 after:how 0.96 after:i 0.89 after:i'd 0.31 after:i'll 0.42
after:i'm 0.78 after:if -0.18 after:in -0.49 after:into -0.09 after:ios -0.07 after:is -0.52
after:isn't -0.1 after:it 0.15 after:it's 0.33 after:its -0.11 after:job -0.08 after:just 0.23
after:keep 0.12 after:key -0.07 after:know -0.59 after:last 0.49 after:late -0.1
after:later -0.07 after:lead -0.07 after:least -0.06 after:let 1.69 after:let's 0.91
after:long 0.05 after:longer -0.06 after:make 0.34 after:maybe 0.22 after:measure -0.08
after:median -0.11 after:million -0.08 after:minutes -0.18 after:month -0.17 after:most 0.17
after:mostly 0.79 after:move -0.05 after:much -0.06 after:my -0.29 after:need -0.17
after:needs -0.07 after:never -0.08 after:next -0.08 after:no 0.71 after:nobody -0.13
after:not 0.75 after:nothing 0.34 after:now 0.1 after:number 0.25 after:of -0.63
after:off -0.09 after:often -0.05 after:oh 1.41 after:okay 1.45 after:old -0.08 after:on -0.14
after:once -0.07 after:one 0.2 after:ones -0.09 after:or -0.56 after:order -0.19
after:other -0.11 after:our 0.07 after:out -0.18 after:over -0.15 after:own -0.09
after:people -0.27 after:percent -0.22 after:person -0.08 after:pick -0.09 after:plus -0.12
after:probably 0.38 after:rate -0.21 after:read -0.14 after:real 0.19 after:report -0.07
after:request -0.08 after:retry -0.05 after:right -0.15 after:roughly -0.12 after:run -0.06
after:same 0.07 after:say 0.24 after:second -0.33 after:seconds -0.07 after:see -0.06
after:sends -0.07 after:server 0.12 after:several 0.07 after:share -0.11 after:should 0.11
after:show -0.06 after:shows -0.08 after:side -0.07 after:since -0.17 after:small -0.08
after:so 0.51 after:some 0.57 after:step 0.1 after:stop -0.06 after:store -0.07
after:support 0.08 after:system -0.09 after:table -0.06 after:take 0.05 after:takes -0.12
after:team -0.07 after:tell -0.08 after:than -0.21 after:that 0.52 after:that's 0.56
after:the 0.11 after:their -0.13 after:them -0.12 after:then 2.36 after:there 0.42
after:there's 0.3 after:they 0.24 after:they're -0.09 after:things -0.06 after:think -0.06
after:third -0.31 after:three 0.54 after:through -0.11 after:time -0.22 after:times -0.05
after:to -0.89 after:today 0.14 after:too -0.13 after:twice -0.05 after:two 0.35 after:up -0.27
after:us -0.09 after:use 0.07 after:user -0.08 after:users -0.25 after:usually 0.09
after:version -0.13 after:volume -0.05 after:waiting -0.1 after:walk 0.09 after:want -0.2
after:was -0.29 after:we 0.05 after:we'd 0.61 after:we're -0.07 after:week -0.15
after:weeks -0.09 after:went -0.07 after:were -0.11 after:what 0.47 after:what's 0.09
after:whatever 0.25 after:when -0.24 after:where -0.09 after:whether -0.08 after:which -0.18
after:whichever 0.19 after:while -0.12 after:who -0.37 after:why 0.55 after:with -0.39
after:without -0.12 after:work -0.14 after:working -0.06 after:would 0.39 after:write -0.09
after:wrong -0.07 after:yeah 0.2 after:yes 0.72 after:you -0.08 after:you'd -0.12
after:you're -0.14 before:000 -0.11 before:1 -0.09 before:15 -0.06 before:20 -0.05
before:3 -0.19 before:30 -0.25 before:40 -0.12 before:5 -0.06 before:6 -0.13 before:60 -0.07
before:8 -0.16 before:9 -0.14 before:a -1.15 before:about -0.35 before:account -0.14
before:across -0.08 before:actually -0.14 before:after 0.19 before:again 0.32 before:ago 0.07
before:alert -0.09 before:all -0.15 before:already -0.11 before:also -0.1 before:always -0.08
before:an -0.33 before:and -1.14 before:answer 0.12 before:anyway 0.3 before:api -0.11
before:app -0.18 before:approach 0.21 before:are -0.44 before:around 0.06 before:arrive -0.09
before:as -0.44 before:at -0.37 before:average -0.13 before:away 0.13 before:back 0.12
before:background 0.15 before:bad 0.06 before:basically 0.09 before:batch -0.08 before:be -0.14
before:because -0.23 before:before -0.17 before:being -0.07 before:better 0.72
before:between -0.12 before:big -0.14 before:board 0.15 before:both -0.14 before:build 0.23
before:built 0.17 before:but -0.41 before:by -0.42 before:cache 0.05 before:call 0.2
before:can -0.33 before:cause 0.18 before:change 0.34 before:changed 0.13
before:connection -0.17 before:cost -0.1 before:costs -0.05 before:could -0.1 before:count 0.09
before:counts 0.09 before:current -0.1 before:customer -0.11 before:data -0.06
before:database -0.08 before:day -0.07 before:decide 0.17 before:different -0.06 before:do 0.31
before:doesn't -0.18 before:don't -0.06 before:done 0.09 before:down 0.54 before:downside 0.06
before:drop -0.07 before:each -0.13 before:else 0.35 before:email 0.08 before:engineer -0.47
before:engineers 0.18 before:error -0.11 before:even 0.08 before:events -0.08
before:every -0.17 before:everyone 0.18 before:everything -0.15 before:exactly -0.05
before:experience 0.09 before:failed -0.11 before:fails 0.23 before:failure 0.09
before:fast 0.1 before:faster 0.29 before:few -0.07 before:fine 0.49 before:first 0.14
before:fix 0.29 before:fixed 0.13 before:flag 0.06 before:for -0.45 before:forward 0.22
before:four -0.07 before:free -0.2 before:from -0.25 before:full -0.19 before:gap 0.07
before:get -0.19 before:gets -0.11 before:go 0.29 before:goal -0.08 before:goes -0.19
before:going 0.1 before:good -0.11 before:guess 0.28 before:had -0.09 before:half 0.12
before:happen 0.15 before:happened 0.11 before:happens 0.16 before:has -0.21 before:have -0.1
before:here 0.33 before:hours 0.06 before:how -0.15 before:i -0.21 before:i'd -0.09
before:i'm -0.22 before:id 0.14 before:if -0.48 before:in -0.4 before:into -0.12
before:is -0.57 before:it 0.6 before:it's -0.28 before:its -0.13 before:itself 0.18
before:job 0.18 before:just -0.13 before:keep -0.14 before:key 0.05 before:know -0.68
before:late 0.09 before:latency 0.29 before:later 0.28 before:launch 0.2 before:leave 0.15
before:less 0.25 before:let -0.07 before:like -0.83 before:limit 0.15 before:line 0.24
before:list 0.15 before:live 0.09 before:log 0.09 before:long -0.07 before:look -0.08
before:lot -0.13 before:m -0.13 before:main -0.07 before:make -0.27 before:match 0.07
before:may -0.06 before:maybe -0.09 before:me 0.77 before:mean 0.1 before:measure -0.11
before:median -0.07 before:message -0.05 before:million -0.14 before:minute -0.11
before:minutes 0.08 before:model -0.06 before:money 0.06 before:months 0.14 before:morning 0.08
before:most -0.06 before:my -0.06 before:needs 0.07 before:network -0.11 before:new -0.11
before:night -0.08 before:now 0.1 before:number 0.33 before:numbers 0.22 before:of -0.74
before:off 0.27 before:offline -0.06 before:often 0.08 before:okay -0.49 before:old -0.07
before:once 0.2 before:one 0.28 before:ones 0.25 before:online 0.06 before:only -0.13
before:open 0.1 before:opens -0.06 before:option 0.13 before:options 0.1 before:or -0.67
before:orders -0.15 before:other 0.1 before:our -0.35 before:out 0.3 before:over -0.17
before:own -0.06 before:p95 -0.12 before:page 0.08 before:part 0.08 before:path 0.27
before:people -0.25 before:per -0.07 before:percent -0.07 before:phone 0.27 before:pick 0.33
before:plan 0.51 before:platform -0.11 before:plus -0.13 before:pm -0.19 before:point -0.16
before:problem 0.06 before:product -0.09 before:push -0.08 before:quarter 0.18
before:questions -0.22 before:queue 0.21 before:rate -0.08 before:rather -0.05 before:read 0.09
before:real -0.14 before:really -0.14 before:release 0.13 before:reports 0.13
before:request -0.05 before:requests -0.11 before:requirement 0.14 before:revenue 0.15
before:review -0.06 before:right 0.1 before:risk 0.05 before:roughly -0.07 before:rule 0.05
before:runs 0.08 before:said -0.08 before:same -0.19 before:say -0.1 before:says -0.06
before:screen -0.06 before:second -0.16 before:seconds 0.06 before:sends -0.17
before:server -0.14 before:servers 0.16 before:service -0.22 before:session -0.07
before:share 0.07 before:ship 0.08 before:should -0.24 before:show -0.15 before:side 0.33
before:since -0.12 before:single -0.06 before:size 0.13 before:slow 0.12 before:small -0.09
before:so -0.87 before:something -0.09 before:speed 0.23 before:stale 0.09 before:start 0.3
before:started 0.07 before:step 0.14 before:still -0.18 before:stored -0.05 before:success 0.47
before:support -0.1 before:sure -0.22 before:system -0.06 before:table -0.08 before:tail -0.16
before:take -0.07 before:target -0.07 before:team -0.19 before:tells -0.05 before:test 0.08
before:than -0.23 before:that 0.17 before:that's -0.39 before:the -1.35 before:their -0.21
before:them 0.46 before:then 0.34 before:there 0.7 before:there's -0.16 before:they -0.22
before:they're -0.07 before:thing 0.14 before:things -0.47 before:think 0.11 before:third -0.09
before:this 0.58 before:those 0.17 before:though 0.24 before:three 0.06 before:threshold -0.1
before:through -0.19 before:ticket 0.1 before:time 0.17 before:times 0.08 before:to -0.71
before:together 0.14 before:too 0.08 before:total 0.08 before:trust -0.07 before:twice 0.36
before:type -0.1 before:under -0.09 before:understand -0.11 before:until -0.05 before:up 0.26
before:us 0.26 before:use -0.08 before:user -0.06 before:users 0.12 before:version 0.15
before:volume 0.2 before:wait 0.13 before:way -0.11 before:we -0.71 before:we'd -0.08
before:we're -0.1 before:week 0.13 before:well 0.27 before:went -0.06 before:were -0.09
before:what -0.37 before:what's -0.08 before:when -0.09 before:where -0.2 before:whether -0.21
before:which -0.05 before:while -0.15 before:who -0.18 before:whole -0.14 before:wins 0.08
before:with -0.38 before:within -0.13 before:work 0.12 before:worked 0.53 before:working 0.41
before:works 0.14 before:would -0.14 before:write -0.09 before:wrong -0.07 before:yes -0.17
before:you -0.43 before:zero 0.22 line -1.24 mid_sentence -4.01 opens_question 0.22
question 0.41 question_mark 2.17 sentence -2.62 word -3.13
"""
