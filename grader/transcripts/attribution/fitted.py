"""Fitted weights of the attribution cues (written by attribution_fit.py).

``name weight`` pairs: see :mod:`~grader.transcripts.attribution.cues` for what the
names mean. Fitted on the house-style splits' stripped copies only; do not edit by hand.
"""

OPENER = 8.28
TEMPERATURE = 1.1
PIECE = """
bias 0.2 acknowledgement 0.63 data -0.3 first:1 -0.07 first:10 -0.11 first:14 0.06
first:15 -0.07 first:20 -0.13 first:3 -0.1 first:4 0.08 first:8 0.13 first:about -0.4
first:across 0.09 first:actually -0.08 first:after -0.12 first:all 0.08 first:already -0.12
first:an -0.13 first:and 0.07 first:android 0.07 first:another -0.29 first:any -0.22
first:anything -0.41 first:app -0.1 first:approach -0.11 first:are 0.1 first:as 0.11
first:at 0.12 first:back -0.21 first:basically 0.19 first:be 0.13 first:because 0.09
first:before 0.07 first:better -0.07 first:both -0.18 first:build 0.08 first:by -0.26
first:can 0.33 first:can't 0.07 first:change 0.16 first:changed 0.13 first:changes -0.07
first:check -0.1 first:client -0.06 first:code 0.06 first:come 0.06 first:complaints -0.1
first:correct 0.09 first:cost 0.11 first:could 0.1 first:customers -0.31 first:data 0.05
first:day 0.13 first:did 0.25 first:do -0.13 first:down 0.06 first:each -0.3 first:either 0.21
first:engineer -0.12 first:event -0.08 first:every -0.08 first:everyone 0.06
first:everything 0.05 first:fast 0.16 first:file 0.09 first:fine 0.08 first:first 0.31
first:five 0.27 first:fix 0.15 first:for 0.29 first:four 0.11 first:from 0.15 first:get 0.19
first:go -0.05 first:goes 0.06 first:got 0.17 first:has 0.08 first:here -0.32
first:here's -0.48 first:honestly 0.21 first:hour 0.05 first:hours -0.06 first:how -0.06
first:i -0.19 first:i'd 0.37 first:i'll -0.12 first:i'm -0.17 first:id 0.18 first:if -0.16
first:in -0.07 first:instead 0.12 first:into -0.09 first:ios -0.1 first:is 0.14 first:it -0.22
first:it's -0.16 first:itself 0.05 first:just 0.16 first:keep 0.15 first:keeps 0.12
first:last -0.25 first:later 0.09 first:let -0.37 first:let's -0.16 first:like 0.15
first:list 0.06 first:long 0.07 first:make 0.35 first:many -0.06 first:matters 0.1
first:maybe 0.45 first:means 0.06 first:measure -0.05 first:minutes -0.12 first:most -0.44
first:mostly -0.71 first:move 0.14 first:need -0.07 first:needs -0.06 first:new 0.09
first:no 0.21 first:nobody 0.09 first:not 0.13 first:nothing -0.15 first:now -0.05
first:number 0.16 first:numbers -0.08 first:often -0.1 first:oh 0.64 first:old 0.13
first:on 0.17 first:one -0.41 first:ones -0.1 first:only -0.21 first:or 0.3 first:our -0.16
first:over -0.15 first:overall -0.18 first:page 0.07 first:people 0.19 first:per -0.09
first:person 0.12 first:phone -0.05 first:plus 0.06 first:probably 0.25 first:put 0.1
first:rate 0.06 first:read 0.09 first:real -0.08 first:really 0.12 first:report 0.09
first:request -0.14 first:retry 0.12 first:right -0.06 first:roughly 0.2 first:run 0.13
first:same 0.07 first:say -0.26 first:second 0.53 first:send -0.08 first:service -0.06
first:set 0.05 first:should 0.08 first:shows 0.07 first:side 0.08 first:slow 0.17
first:small 0.08 first:some -0.47 first:someone -0.23 first:something 0.24 first:support -0.23
first:sure 0.18 first:system -0.08 first:take 0.06 first:team -0.07 first:tell -0.09
first:test 0.06 first:than 0.08 first:that 0.33 first:that's 0.08 first:then 1.23
first:there 0.24 first:there's -0.06 first:they -0.16 first:they're 0.06 first:think -0.05
first:third 0.17 first:this 0.14 first:those -0.19 first:three 0.48 first:time -0.1
first:times 0.13 first:today -0.63 first:too 0.13 first:two 0.31 first:until -0.09
first:up 0.18 first:use 0.06 first:usually -0.21 first:volume 0.09 first:walk -0.16
first:was 0.19 first:way 0.05 first:we -0.54 first:we'd 0.2 first:week 0.07 first:well 0.08
first:were -0.16 first:what -0.43 first:what's -0.07 first:whatever 0.32 first:when 0.05
first:whether 0.1 first:which 0.08 first:whichever 0.29 first:who 0.08 first:why -0.43
first:will 0.15 first:window -0.06 first:with 0.28 first:within -0.11 first:working -0.12
first:works -0.07 first:would 0.11 first:write 0.06 first:wrong -0.16 first:yeah 0.24
first:yes 0.18 first:you -0.26 first:you'd 0.09 first:you're -0.18 first_person 0.19
length 0.14 prompt -1.24 question_mark -1 question_opener -0.09 second_person -0.45 w:0 0.23
w:000 0.22 w:1 -0.22 w:10 0.05 w:100 0.22 w:12 0.13 w:13 0.1 w:14 0.15 w:15 -0.17 w:18 -0.2
w:19 -0.07 w:2 0.15 w:20 -0.25 w:200 0.11 w:22 -0.08 w:24 -0.26 w:25 -0.23 w:27 0.11 w:30 -0.47
w:31 -0.06 w:35 -0.31 w:38 -0.13 w:4 -0.13 w:40 -0.49 w:400 -0.08 w:41 -0.07 w:50 0.22
w:55 -0.11 w:6 0.15 w:60 0.13 w:600 -0.06 w:62 0.07 w:70 -0.45 w:71 0.17 w:90 -0.15 w:900 -0.09
w:a -0.07 w:about -0.37 w:above -0.09 w:acceptable -0.34 w:account 0.14 w:accounts -0.15
w:across 0.21 w:active -0.09 w:actually 0.11 w:add 0.35 w:adds -0.24 w:after -0.07 w:again 0.08
w:against 0.36 w:ago -0.3 w:agree 0.31 w:alert 0.1 w:all -0.23 w:almost 0.15 w:also -0.17
w:always 0.15 w:am -0.06 w:amount 0.09 w:an 0.16 w:and 0.17 w:android -0.14 w:another -0.26
w:anyone 0.09 w:anything -0.44 w:anyway 0.3 w:api -0.27 w:app -0.23 w:approach -0.36 w:apps 0.1
w:aren't -0.25 w:arrive -0.29 w:arrives -0.13 w:arriving -0.27 w:as 0.16 w:ask 0.11
w:asked -0.32 w:asking -0.28 w:asks -0.15 w:assume 0.12 w:automated 0.07 w:automatic -0.17
w:automatically 0.05 w:available -0.06 w:average 0.07 w:away 0.24 w:back 0.1 w:backend -0.06
w:background 0.2 w:bad 0.22 w:basically 0.69 w:batch 0.16 w:battery -0.11 w:be 0.28
w:because 0.21 w:becomes 0.26 w:been -0.29 w:before 0.11 w:being 0.18 w:below -0.15 w:best 0.18
w:better 0.49 w:between 0.11 w:beyond 0.18 w:big 0.37 w:biggest 0.14 w:bit 0.07 w:board -0.1
w:both 0.43 w:break 0.31 w:breaks 0.07 w:broken 0.29 w:browser 0.31 w:bucket 0.16 w:bug 0.06
w:build -0.49 w:building -0.08 w:but -0.05 w:button -0.14 w:buy -0.17 w:by -0.2 w:calls -0.07
w:came -0.26 w:can -0.07 w:can't -0.23 w:cancellations 0.14 w:cap -0.2 w:card -0.22 w:care 0.29
w:carries 0.19 w:case 0.28 w:catch 0.16 w:change 0.19 w:changed -0.08 w:changes 0.13
w:changing 0.09 w:cheap 0.45 w:check 0.06 w:clear 0.22 w:client 0.13 w:clock 0.17 w:cloud 0.11
w:cluster 0.2 w:code 0.08 w:come -0.53 w:coming -0.06 w:company -0.13 w:compare 0.08
w:complain -0.15 w:complaining -0.07 w:complaint -0.08 w:complaints -0.22 w:complete 0.38
w:completed 0.1 w:computed -0.33 w:confirm 0.26 w:control 0.47 w:conversion 0.3 w:copy -0.42
w:correct 0.32 w:cost 0.26 w:costs -0.46 w:could -0.27 w:counts 0.22 w:couple 0.09
w:create -0.19 w:created -0.31 w:current 0.1 w:customer 0.16 w:customers -0.23 w:cut 0.28
w:daily 0.07 w:dashboard 0.12 w:data 0.18 w:database -0.09 w:date -0.07 w:days -0.14
w:decides 0.21 w:default -0.05 w:delivery -0.13 w:depend -0.1 w:details 0.16 w:device -0.27
w:devices -0.13 w:did 0.78 w:didn't -0.18 w:difference 0.19 w:directly 0.06 w:do 0.19
w:doesn't -0.29 w:doing 0.17 w:dollars -0.1 w:don't -0.2 w:done -0.1 w:down 0.29
w:download -0.14 w:downside -0.09 w:driven -0.13 w:drop 0.14 w:drops -0.21 w:during -0.27
w:each -0.07 w:easy 0.17 w:edge 0.17 w:either 0.08 w:email 0.18 w:end 0.05 w:ends 0.15
w:engineer -1.62 w:enough 0.07 w:error 0.07 w:errors 0.3 w:even 0.08 w:event 0.15
w:everyone 0.44 w:everything 0.29 w:exact 0.17 w:existing 0.15 w:expect 0.16 w:expensive 0.17
w:experience 0.36 w:explain -0.13 w:extra 0.12 w:fail -0.1 w:failed -0.29 w:fails -0.26
w:failure 0.16 w:failures 0.18 w:fall 0.09 w:falls -0.11 w:far 0.14 w:faster 0.38 w:feel 0.45
w:feels -0.06 w:few 0.21 w:fewer 0.27 w:figure 0.29 w:file 0.13 w:files -0.24 w:final 0.08
w:finance 0.11 w:find 0.07 w:fine 0.7 w:first 0.46 w:fits 0.39 w:five -0.15 w:fix 0.31
w:fixed -0.09 w:fixes 0.17 w:flag 0.08 w:flagged -0.15 w:follow 0.12 w:for -0.26 w:form 0.17
w:four -0.06 w:free -0.19 w:fresh 0.17 w:from -0.1 w:front -0.37 w:full -0.19 w:further -0.15
w:gap 0.33 w:general 0.06 w:get 0.2 w:gets 0.12 w:getting -0.13 w:give -0.26 w:gives 0.36
w:goal -0.14 w:going 0.35 w:gone 0.2 w:good 0.29 w:got 0.07 w:group 0.35 w:guardrail -0.16
w:guardrails 0.19 w:guess 0.48 w:had -0.59 w:half 0.13 w:hand 0.07 w:handle 0.28 w:happen -0.24
w:happened 0.08 w:happens 0.29 w:hard -0.18 w:has -0.21 w:hasn't 0.06 w:help -0.09 w:helps 0.24
w:here -0.57 w:here's -0.77 w:hide 0.05 w:high 0.12 w:higher 0.12 w:history 0.08 w:hold -0.14
w:holding 0.14 w:holds 0.16 w:home -0.14 w:honest 0.27 w:honestly 0.31 w:hours -0.25
w:how -0.35 w:i 0.56 w:i'd 0.75 w:i'll -0.18 w:i'm -0.3 w:i've 0.2 w:id 0.19 w:idempotent 0.2
w:if 0.27 w:in -0.15 w:including 0.08 w:index 0.12 w:inside -0.16 w:instead 0.24
w:interesting 0.25 w:into -0.07 w:ios -0.11 w:is 0.5 w:isn't -0.18 w:it 0.46 w:it's 0.68
w:item -0.08 w:items -0.29 w:its 0.25 w:itself -0.12 w:jump 0.16 w:just 0.61 w:keep 0.06
w:key 0.05 w:keyed 0.07 w:kind 0.56 w:know 0.33 w:lag 0.26 w:land 0.1 w:lands 0.14
w:large -0.31 w:last -0.56 w:late -0.23 w:latency 0.26 w:later 0.08 w:launch -0.2 w:lead -0.45
w:leadership -0.29 w:least -0.36 w:leave 0.32 w:less 0.13 w:let -0.31 w:let's -0.24 w:like 0.2
w:likely 0.29 w:limit -0.16 w:line -0.57 w:link -0.07 w:list -0.17 w:live -0.29 w:lives 0.1
w:load 0.07 w:local -0.21 w:lock -0.43 w:log 0.07 w:long 0.15 w:look 0.24 w:looks 0.31
w:lot -0.05 w:low -0.12 w:made -0.09 w:main -0.11 w:make 0.56 w:makes 0.39 w:making 0.21
w:manual -0.23 w:many 0.64 w:match 0.1 w:matches 0.37 w:matching -0.11 w:matters 0.31
w:maybe 0.94 w:me -0.88 w:meaning -0.3 w:means 0.06 w:measure -0.14 w:measured -0.09
w:median -0.09 w:memory -0.08 w:mentioned -0.31 w:message -0.29 w:messages -0.14 w:metric 0.08
w:mid -0.16 w:might 0.41 w:milliseconds 0.11 w:minute 0.09 w:minutes -0.28 w:miss -0.06
w:mobile -0.42 w:model 0.18 w:moment -0.32 w:money 0.12 w:month -0.28 w:monthly 0.18
w:months -0.26 w:more 0.14 w:morning -0.15 w:most 0.14 w:mostly -0.17 w:move 0.22 w:moved -0.07
w:moving -0.13 w:much 0.42 w:must 0.2 w:my 0.21 w:near -0.12 w:nearly 0.14 w:need -0.21
w:needs 0.17 w:never 0.23 w:new 0.05 w:next -0.06 w:night -0.3 w:nightly -0.32 w:no -0.13
w:nobody 0.54 w:noisy -0.15 w:normal -0.13 w:not 0.64 w:nothing 0.2 w:notice 0.15
w:notification -0.3 w:now -0.49 w:number 0.57 w:numbers 0.35 w:of -0.1 w:offline -0.42
w:often 0.16 w:oh 0.52 w:older 0.07 w:on -0.09 w:once -0.06 w:one 0.12 w:ones 0.25 w:only 0.1
w:open -0.05 w:opening 0.08 w:option -0.47 w:options -0.25 w:or 0.29 w:orders -0.1
w:original -0.2 w:others 0.13 w:our -0.55 w:outside 0.13 w:over 0.07 w:overall 0.29
w:owns -0.25 w:page -0.14 w:part 0.42 w:path 0.28 w:pay -0.27 w:paying 0.36 w:peak 0.16
w:pending -0.15 w:people 0.8 w:per -0.05 w:percentage 0.1 w:percentile -0.24 w:period -0.15
w:person 0.2 w:phone -0.2 w:pick -0.17 w:picks -0.26 w:place -0.12 w:plan -0.51 w:pm -0.3
w:point 0.33 w:points 0.14 w:possible 0.12 w:post -0.21 w:pretty 0.15 w:price -0.29
w:primary 0.31 w:probably 0.7 w:problem 0.44 w:product -0.2 w:provider 0.24 w:pull 0.17
w:push -0.16 w:put -0.06 w:quality -0.14 w:quarter -0.36 w:query 0.07 w:question 0.45
w:questions 0.47 w:queue -0.17 w:quick 0.21 w:quickly 0.29 w:rate -0.19 w:rather 0.39
w:rating 0.34 w:re -0.17 w:reach -0.06 w:read 0.25 w:reading 0.16 w:reads -0.11 w:ready 0.18
w:real 0.12 w:really 0.64 w:reason 0.12 w:record 0.44 w:refresh -0.26 w:release 0.17
w:report 0.11 w:reported 0.08 w:request -0.5 w:requirement 0.07 w:response 0.07 w:rest -0.31
w:results -0.5 w:retries -0.08 w:retry 0.17 w:return -0.17 w:returns 0.13 w:revenue -0.14
w:review -0.09 w:right 0.37 w:risk 0.29 w:risks -0.09 w:room -0.24 w:roughly 0.3 w:row -0.26
w:rules 0.11 w:run -0.05 w:runs -0.16 w:said 0.07 w:same 0.17 w:sample 0.08 w:say 0.14
w:saying 0.07 w:schedule -0.26 w:screen -0.3 w:second 0.27 w:seconds -0.16 w:see 0.48
w:sees 0.2 w:send -0.2 w:sense 0.31 w:sent -0.17 w:separately -0.16 w:server -0.25
w:servers -0.16 w:service -0.39 w:session -0.25 w:sessions -0.43 w:set 0.19 w:seven -0.23
w:several -0.29 w:share 0.1 w:shared -0.12 w:ship -0.32 w:shipped -0.36 w:should -0.13
w:shouldn't 0.51 w:showing -0.1 w:shown -0.08 w:shows 0.13 w:side 0.24 w:signal 0.07
w:signed 0.12 w:simple 0.08 w:since 0.38 w:single 0.13 w:sit -0.05 w:six -0.26 w:slow -0.2
w:slower 0.15 w:small 0.26 w:smaller 0.25 w:so 0.77 w:some -0.36 w:someone -0.05
w:something -0.17 w:sometimes -0.34 w:somewhere 0.24 w:sounds 0.4 w:source 0.19
w:specific -0.09 w:speed 0.19 w:spend -0.1 w:split 0.2 w:stale -0.2 w:standard 0.13
w:start 0.22 w:started -0.24 w:starting -0.12 w:starts 0.11 w:state 0.32 w:status -0.07
w:stay -0.08 w:stays 0.07 w:step -0.11 w:still -0.07 w:stop 0.18 w:stops 0.13 w:storage 0.29
w:stored -0.06 w:stores -0.07 w:story 0.21 w:straight 0.06 w:success 0.15 w:suppose 0.64
w:sure 0.46 w:switch -0.07 w:sync 0.07 w:system -0.32 w:tail 0.37 w:taken 0.18 w:takes -0.2
w:team -0.33 w:technical 0.05 w:technically -0.52 w:tell 0.11 w:tells 0.42 w:ten -0.44
w:than 0.47 w:that 0.33 w:that's 0.98 w:the 0.12 w:their -0.23 w:them 0.12 w:then 0.57
w:there -0.19 w:these 0.4 w:they 0.05 w:they'd 0.21 w:they'll 0.16 w:they're 0.21
w:they've 0.11 w:thing 0.19 w:things 0.42 w:think 0.49 w:third 0.26 w:this 0.06 w:those -0.13
w:though -0.25 w:three -0.06 w:threshold -0.35 w:ticket -0.67 w:tickets 0.1 w:time -0.1
w:timeout 0.26 w:timing 0.19 w:today -0.05 w:too 0.23 w:total 0.4 w:track -0.24 w:traffic 0.11
w:transaction -0.26 w:trust 0.31 w:try -0.25 w:turn -0.07 w:two -0.2 w:under 0.43
w:understand 0.19 w:unless 0.1 w:until -0.41 w:up 0.1 w:us -0.13 w:use 0.05 w:used 0.21
w:useful 0.14 w:user 0.13 w:users 0.26 w:uses 0.13 w:using 0.1 w:usually -0.12 w:value 0.29
w:version 0.19 w:versus 0.16 w:very 0.44 w:view 0.07 w:visible 0.25 w:volume -0.05 w:wait -0.1
w:waiting 0.5 w:waits -0.06 w:want -0.29 w:wants -0.47 w:was -0.18 w:way 0.45 w:ways -0.09
w:we -0.09 w:we'd 0.27 w:we're 0.28 w:weekly 0.05 w:weeks -0.32 w:well 0.29 w:went -0.11
w:were -0.3 w:what -0.49 w:what's -0.08 w:whatever 0.45 w:when -0.11 w:where 0.21
w:whether 0.15 w:which 0.16 w:whichever 0.29 w:while -0.29 w:who -0.29 w:whole -0.15
w:why -0.15 w:will 0.07 w:window 0.12 w:with 0.16 w:within 0.1 w:without 0.33 w:work -0.06
w:worked -0.32 w:working -0.05 w:works 0.21 w:worse 0.16 w:worst -0.11 w:worth 0.3
w:would -0.43 w:wouldn't 0.39 w:write -0.26 w:writes -0.09 w:writing -0.07 w:wrong -0.05
w:yeah 0.26 w:year -0.13 w:yes -0.17 w:yet -0.07 w:you'd -0.55 w:you're -0.2 w:your 0.07
w:zero -0.13 we -0.03 working 0.95
"""
SWITCH = """
acknowledgement 2.28 after:1 -0.07 after:10 -0.08 after:14 -0.07 after:15 -0.07 after:2 -0.09
after:20 -0.1 after:3 -0.08 after:30 -0.1 after:4 -0.11 after:40 -0.07 after:5 -0.09
after:6 -0.07 after:a -0.1 after:about 0.16 after:above -0.06 after:across -0.06
after:actually 0.16 after:after -0.15 after:all 0.22 after:also -0.18 after:an -0.15
after:and -0.33 after:android 0.07 after:another 0.15 after:any 0.31 after:anything 1.01
after:api -0.09 after:app -0.33 after:approach -0.07 after:are -0.37 after:as -0.25
after:at -0.21 after:average 0.1 after:back 0.06 after:basically 0.07 after:because -0.08
after:before 0.33 after:being -0.11 after:better 0.09 after:between -0.09 after:both 0.69
after:build 0.1 after:but -0.55 after:by -0.12 after:call -0.11 after:can -0.33
after:change -0.22 after:changes -0.1 after:cheap -0.06 after:check -0.08 after:come -0.09
after:complaints -0.11 after:correct -0.24 after:costs -0.06 after:could -0.15 after:count 0.06
after:customers -0.14 after:data -0.19 after:day -0.18 after:days -0.16 after:did -0.16
after:different -0.13 after:do -0.09 after:does -0.35 after:doesn't -0.08 after:don't -0.12
after:down -0.1 after:each 0.1 after:error -0.07 after:event -0.1 after:every -0.11
after:exactly -0.55 after:faster 0.29 after:few -0.08 after:file -0.1 after:fine 0.14
after:first 0.15 after:fix -0.09 after:for -0.16 after:four 0.07 after:from -0.09
after:get -0.19 after:gets -0.12 after:give -0.28 after:go 0.05 after:goes -0.07
after:has -0.33 after:have -0.29 after:here 0.39 after:here's 0.65 after:hold -0.06
after:honestly 0.42 after:hour -0.06 after:hours -0.09 after:how 0.99 after:i 1 after:i'd 0.34
after:i'll 0.46 after:i'm 0.82 after:if -0.11 after:in -0.41 after:into -0.08 after:ios -0.1
after:is -0.46 after:isn't -0.08 after:it 0.18 after:it's 0.42 after:its -0.12 after:job -0.1
after:just 0.23 after:keep 0.12 after:key -0.08 after:know -0.74 after:last 0.54
after:late -0.11 after:later -0.08 after:lead -0.07 after:least -0.07 after:let 1.79
after:let's 1.02 after:long 0.05 after:longer -0.06 after:lot -0.1 after:make 0.4
after:maybe 0.31 after:measure -0.11 after:median -0.1 after:million -0.09 after:minutes -0.17
after:month -0.21 after:more -0.06 after:most 0.17 after:mostly 0.81 after:much -0.07
after:my -0.27 after:need -0.21 after:needs -0.06 after:never -0.09 after:new -0.15
after:next -0.1 after:no 0.81 after:nobody -0.13 after:not 0.82 after:nothing 0.37
after:now 0.11 after:number 0.26 after:of -0.59 after:off -0.08 after:oh 1.42 after:okay 1.43
after:old -0.12 after:on -0.07 after:once -0.07 after:one 0.29 after:ones -0.1 after:or -0.51
after:order -0.23 after:other -0.12 after:our 0.06 after:out -0.16 after:over -0.11
after:own -0.1 after:page -0.06 after:people -0.25 after:per 0.06 after:percent -0.21
after:person -0.11 after:pick -0.1 after:plus -0.11 after:probably 0.25 after:rate -0.21
after:read -0.14 after:real 0.19 after:report -0.08 after:request -0.1 after:retry -0.07
after:right -0.19 after:roughly -0.11 after:run -0.07 after:same -0.07 after:say 0.26
after:second -0.31 after:seconds -0.07 after:see -0.06 after:sends -0.06 after:several 0.1
after:share -0.12 after:should 0.12 after:show -0.07 after:shows -0.07 after:side -0.07
after:since -0.16 after:small -0.1 after:so 0.58 after:some 0.66 after:step 0.1
after:stop -0.06 after:store -0.09 after:support 0.07 after:sure -0.11 after:system -0.11
after:table -0.07 after:take 0.07 after:takes -0.09 after:team -0.09 after:tell -0.07
after:than -0.19 after:that 0.61 after:that's 0.62 after:the 0.15 after:their -0.1
after:them -0.12 after:then 2.48 after:there 0.5 after:there's 0.31 after:they 0.26
after:they're -0.07 after:things -0.05 after:think -0.05 after:third -0.29 after:three 0.68
after:through -0.08 after:time -0.25 after:to -0.79 after:today 0.16 after:too -0.1
after:two 0.39 after:up -0.25 after:us -0.1 after:use 0.06 after:user -0.13 after:users -0.25
after:usually 0.1 after:version -0.13 after:waiting -0.09 after:walk 0.1 after:want -0.21
after:was -0.29 after:way -0.06 after:we 0.09 after:we'd 0.66 after:we're -0.06
after:week -0.17 after:weeks -0.09 after:were -0.11 after:what 0.49 after:what's 0.09
after:whatever 0.26 after:when -0.23 after:where -0.1 after:whether -0.07 after:which -0.11
after:whichever 0.2 after:while -0.1 after:who -0.37 after:why 0.54 after:with -0.32
after:without -0.11 after:work -0.15 after:working -0.06 after:would 0.4 after:write -0.1
after:wrong -0.11 after:yeah 0.13 after:yes 0.79 after:you -0.09 after:you'd -0.12
after:you're -0.12 line -1.36 mid_sentence -4.09 opens_question 0.29 question 0.36
question_mark 2.23 sentence -2.7 word -3.26
"""
