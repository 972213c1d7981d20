"""Fitted weights of the cues of a piece (written by attribution_fit.py).

``name weight`` pairs: see :mod:`~grader.transcripts.attribution.cues` for what the
names mean. Fitted on the house-style splits' stripped copies only; do not edit by hand.
"""

PIECE = """
bias 0.1 acknowledgement 0.17 data -0.31 first:10 0.1 first:12 0.05 first:3 0.07 first:30 -0.09
first:4 0.07 first:5 -0.13 first:8 0.15 first:9 0.07 first:a 0.13 first:about -0.18
first:actually -0.08 first:again 0.07 first:against 0.09 first:already 0.08 first:also 0.06
first:an -0.08 first:and 0.28 first:android -0.05 first:another -0.28 first:any -0.24
first:anything -0.26 first:api -0.17 first:app 0.18 first:approach -0.05 first:are 0.17
first:as 0.31 first:average -0.07 first:basically 0.11 first:because 0.14 first:before 0.11
first:big -0.07 first:both -0.26 first:by -0.18 first:can 0.36 first:can't 0.08
first:change -0.15 first:changes 0.1 first:come 0.07 first:complaints -0.3 first:correct 0.16
first:cost 0.09 first:could 0.16 first:current 0.11 first:customers -0.15 first:data 0.23
first:day 0.09 first:days 0.12 first:device -0.08 first:did 0.14 first:different 0.09
first:do -0.12 first:does -0.05 first:don't 0.07 first:down 0.24 first:each -0.11
first:either 0.27 first:engineer -0.11 first:every -0.05 first:everyone 0.05
first:everything 0.07 first:exactly 0.05 first:fair -0.06 first:fast 0.06 first:faster 0.05
first:file 0.07 first:first 0.41 first:five 0.18 first:for 0.15 first:four 0.12 first:full 0.05
first:gets 0.12 first:give -0.15 first:go -0.25 first:going -0.09 first:good 0.07
first:got 0.09 first:had -0.05 first:here -0.28 first:here's -0.5 first:honestly 0.1
first:i -0.39 first:i'd 0.28 first:i'll -0.12 first:if 0.11 first:in -0.09 first:into 0.08
first:ios -0.18 first:is 0.08 first:it -0.11 first:its 0.06 first:just 0.18 first:keep 0.05
first:keeps 0.07 first:last -0.16 first:latency 0.16 first:let -0.11 first:let's -0.13
first:list 0.11 first:long 0.06 first:look -0.05 first:make 0.28 first:maybe 0.4
first:might 0.08 first:minutes -0.09 first:more 0.18 first:most -0.19 first:mostly -0.43
first:move 0.08 first:my 0.15 first:need -0.11 first:new -0.06 first:no 0.17 first:nobody 0.05
first:not -0.08 first:nothing -0.05 first:now 0.05 first:number 0.13 first:numbers 0.12
first:of 0.08 first:off -0.06 first:often 0.09 first:oh 0.43 first:okay -0.25 first:old -0.13
first:on 0.11 first:once 0.1 first:one -0.1 first:ones 0.13 first:only -0.17 first:or 0.28
first:order -0.11 first:other -0.09 first:our -0.21 first:over -0.14 first:overall -0.1
first:page 0.08 first:people 0.06 first:per -0.17 first:phone -0.09 first:pick -0.06
first:primary 0.08 first:probably 0.17 first:product -0.09 first:push -0.08 first:put 0.09
first:queue -0.11 first:rate 0.12 first:rather 0.06 first:real 0.09 first:really 0.06
first:reports -0.07 first:request 0.06 first:requests 0.09 first:right -0.06 first:run 0.09
first:runs 0.12 first:same 0.13 first:say -0.18 first:second 0.42 first:seconds 0.07
first:see 0.06 first:send -0.09 first:sends 0.07 first:separate -0.08 first:server -0.26
first:set 0.05 first:single -0.06 first:small 0.08 first:some -0.39 first:someone -0.21
first:something 0.24 first:split -0.08 first:start 0.15 first:still 0.18 first:success 0.08
first:support -0.11 first:sure 0.19 first:team -0.07 first:tell -0.09 first:ten -0.06
first:test 0.09 first:than 0.08 first:thanks -0.07 first:that 0.08 first:the -0.09
first:them 0.09 first:then 0.41 first:they -0.14 first:things 0.09 first:third 0.19
first:those -0.25 first:three 0.19 first:through 0.16 first:times 0.12 first:to 0.23
first:today -0.45 first:total 0.08 first:twice 0.1 first:two 0.08 first:under 0.06
first:us 0.15 first:use 0.08 first:user 0.07 first:wait -0.15 first:waiting 0.06
first:walk -0.1 first:was 0.13 first:way 0.06 first:we -0.29 first:we'd 0.06 first:we're -0.1
first:were 0.08 first:what -0.37 first:whatever 0.2 first:where -0.1 first:whether 0.14
first:whichever 0.15 first:who 0.11 first:whole -0.08 first:why -0.5 first:will 0.19
first:with 0.06 first:work 0.08 first:would 0.17 first:yeah 0.18 first:yes -0.13
first:you -0.19 first:you'd 0.12 first:you're -0.08 first:zero -0.11 first_person 0.35
last:10 -0.08 last:100 0.16 last:14 -0.09 last:2 0.06 last:20 -0.17 last:4 -0.1 last:5 0.08
last:6 0.05 last:8 0.06 last:9 0.09 last:about 0.07 last:after 0.17 last:again -0.06
last:against -0.08 last:ago -0.07 last:all -0.09 last:also 0.08 last:always -0.11 last:an 0.07
last:and 0.12 last:android 0.06 last:any 0.13 last:anything 0.25 last:anyway 0.23
last:approach -0.06 last:are 0.18 last:around 0.08 last:ask 0.06 last:at -0.06
last:average -0.07 last:away 0.2 last:back 0.09 last:background 0.06 last:bad -0.17
last:basically 0.18 last:be 0.09 last:because 0.08 last:before -0.09 last:being 0.05
last:big 0.08 last:build -0.13 last:button -0.06 last:call 0.15 last:care -0.06 last:case 0.06
last:change 0.06 last:changed 0.1 last:changes -0.12 last:cheap 0.09 last:check -0.08
last:cloud -0.05 last:code 0.1 last:copy -0.12 last:cost 0.08 last:costs -0.09 last:could -0.11
last:count 0.16 last:counts -0.07 last:customers -0.08 last:database 0.11 last:decide 0.09
last:design 0.08 last:device -0.05 last:different -0.07 last:do -0.17 last:does -0.16
last:doesn't -0.14 last:done -0.19 last:drop 0.06 last:each 0.05 last:email 0.08
last:engineer -0.35 last:engineers 0.09 last:error -0.11 last:even 0.1 last:events -0.17
last:every -0.06 last:everyone 0.07 last:experience 0.08 last:fails -0.06 last:failure 0.06
last:failures 0.07 last:fast 0.13 last:file -0.09 last:fine 0.35 last:first 0.09 last:five 0.07
last:fix 0.12 last:flag -0.19 last:forward -0.12 last:from 0.12 last:gives 0.06 last:go 0.13
last:goes 0.14 last:going 0.07 last:guess 0.14 last:happen -0.19 last:happens 0.15
last:have -0.06 last:here -0.13 last:here's -0.07 last:how -0.57 last:i -0.34 last:if 0.18
last:into -0.07 last:is 0.18 last:isn't 0.15 last:it 0.21 last:it's 0.17 last:itself -0.1
last:job 0.12 last:just 0.19 last:key 0.06 last:lag 0.07 last:late -0.12 last:latency 0.13
last:leave 0.08 last:less -0.06 last:like 0.09 last:limit -0.06 last:long -0.19 last:look 0.16
last:lot 0.16 last:m 0.06 last:make 0.17 last:match 0.13 last:maybe 0.07 last:me -0.07
last:means 0.1 last:measure -0.06 last:metric -0.07 last:million 0.16 last:milliseconds 0.1
last:minutes -0.2 last:moment -0.18 last:money -0.06 last:month -0.11 last:months -0.09
last:more 0.18 last:most -0.06 last:mostly 0.09 last:my 0.07 last:need 0.06 last:next -0.1
last:night -0.09 last:nightly -0.12 last:no -0.14 last:nobody 0.06 last:nothing 0.09
last:now -0.11 last:number 0.19 last:numbers -0.16 last:off -0.05 last:often 0.2 last:oh 0.09
last:okay 0.24 last:old 0.08 last:once -0.11 last:one -0.07 last:ones 0.19 last:only -0.1
last:options -0.07 last:order 0.11 last:other 0.1 last:our 0.09 last:overall 0.16
last:page -0.12 last:paid 0.06 last:part 0.21 last:path 0.05 last:people 0.14
last:percent -0.07 last:person 0.14 last:phone 0.09 last:plan -0.23 last:plus -0.06
last:pm -0.25 last:point 0.08 last:possible 0.11 last:problem -0.06 last:product 0.11
last:put -0.06 last:quarter -0.26 last:query 0.06 last:questions 0.15 last:queue -0.07
last:rate -0.15 last:read 0.16 last:really 0.07 last:reason 0.05 last:record 0.1
last:release 0.06 last:report 0.06 last:reports 0.07 last:request -0.16 last:requirement 0.1
last:response -0.08 last:results -0.11 last:retry 0.09 last:revenue -0.06 last:right 0.1
last:risk 0.08 last:rule -0.16 last:run -0.09 last:said 0.09 last:same 0.12 last:screen -0.1
last:second 0.08 last:seconds -0.08 last:see 0.09 last:send -0.05 last:server 0.21
last:servers -0.11 last:service -0.17 last:session -0.07 last:sessions -0.07 last:share 0.11
last:side -0.1 last:single -0.06 last:size 0.11 last:slow 0.11 last:small -0.07 last:some 0.13
last:someone 0.07 last:split -0.06 last:still -0.08 last:store 0.08 last:success -0.06
last:support -0.05 last:suppose 0.43 last:sure 0.22 last:system -0.13 last:table -0.18
last:take -0.07 last:target -0.1 last:team 0.06 last:tell 0.06 last:ten -0.08 last:test -0.12
last:than 0.12 last:that's 0.28 last:the 0.14 last:their -0.11 last:then -0.1 last:they 0.23
last:they're 0.05 last:thing 0.06 last:things -0.13 last:this -0.23 last:those 0.2
last:though -0.23 last:through 0.07 last:ticket -0.28 last:time -0.1 last:times -0.19
last:today 0.16 last:together 0.09 last:too 0.05 last:total 0.1 last:two -0.14 last:type 0.09
last:under 0.09 last:until 0.08 last:update 0.24 last:use 0.13 last:users 0.09 last:value 0.06
last:version 0.2 last:wait 0.08 last:waiting 0.09 last:want -0.15 last:was 0.12 last:way 0.08
last:we 0.11 last:web 0.06 last:were -0.09 last:what -0.31 last:when -0.06 last:whether -0.07
last:which 0.12 last:while 0.1 last:who -0.18 last:with 0.08 last:without 0.05 last:work -0.13
last:worked -0.16 last:working -0.12 last:works -0.07 last:would -0.1 last:you 0.32
last:your -0.09 last:zero -0.06 length 0.17 prompt -1.15 question_mark -0.21
question_opener 0.07 second_person -0.4 w:0 0.19 w:000 0.25 w:1 -0.17 w:10 0.07 w:100 0.16
w:12 0.13 w:13 0.15 w:14 0.17 w:15 -0.17 w:18 -0.11 w:19 -0.13 w:2 0.21 w:20 -0.18 w:24 -0.32
w:25 -0.18 w:27 0.16 w:3 0.1 w:30 -0.39 w:35 -0.31 w:38 -0.07 w:4 -0.07 w:40 -0.33 w:400 -0.08
w:41 -0.08 w:48 0.07 w:50 0.19 w:55 -0.1 w:6 0.25 w:60 0.07 w:70 -0.39 w:71 0.13 w:8 -0.17
w:80 -0.07 w:a -0.08 w:about -0.35 w:above -0.09 w:acceptable -0.25 w:account 0.16
w:accounts -0.13 w:accurate -0.06 w:across 0.05 w:active -0.09 w:actually 0.13 w:add 0.42
w:adds -0.27 w:after -0.19 w:again 0.06 w:against 0.33 w:ago -0.3 w:agree 0.3 w:ahead 0.1
w:alert -0.09 w:all -0.25 w:almost 0.15 w:already -0.09 w:also -0.14 w:always 0.12
w:amount 0.21 w:an 0.09 w:and 0.2 w:android -0.15 w:another -0.18 w:any 0.13 w:anyone 0.06
w:anything -0.2 w:anyway 0.27 w:api -0.16 w:app -0.38 w:approach -0.16 w:apps 0.11 w:are -0.09
w:aren't -0.22 w:arrive -0.39 w:arrives -0.05 w:arriving -0.2 w:as 0.13 w:asked -0.29
w:asking -0.3 w:asks -0.15 w:assume 0.18 w:at 0.19 w:audit 0.07 w:automated 0.06
w:automatic -0.19 w:available -0.06 w:average 0.09 w:away 0.17 w:back 0.06 w:background 0.13
w:bad 0.18 w:basically 0.6 w:batch 0.09 w:battery -0.24 w:be 0.26 w:because 0.21 w:becomes 0.27
w:been -0.2 w:before 0.08 w:behind 0.09 w:being 0.2 w:below -0.08 w:best 0.16 w:better 0.33
w:beyond 0.13 w:big 0.3 w:bigger 0.11 w:biggest 0.15 w:bit 0.09 w:block -0.07 w:board -0.15
w:both 0.42 w:break 0.24 w:broken 0.19 w:browser 0.16 w:bucket 0.2 w:bug 0.08 w:build -0.46
w:building -0.07 w:built 0.05 w:button -0.08 w:buy -0.2 w:by -0.23 w:call -0.1 w:calls -0.06
w:came -0.29 w:can -0.06 w:can't -0.2 w:cancellations 0.15 w:cap -0.21 w:card -0.15 w:care 0.24
w:carries 0.13 w:carry 0.06 w:case 0.13 w:cases 0.05 w:catch 0.15 w:change 0.11 w:changed -0.14
w:changes 0.14 w:changing 0.1 w:charged -0.08 w:cheap 0.41 w:check 0.05 w:clear 0.2
w:client 0.18 w:clock 0.22 w:cloud 0.05 w:cluster 0.24 w:code 0.09 w:come -0.47 w:coming -0.11
w:company -0.07 w:complain -0.08 w:complaining -0.09 w:complaint -0.09 w:complaints -0.13
w:complete 0.11 w:completed 0.11 w:compute -0.08 w:computed -0.25 w:confirm 0.29
w:connection 0.1 w:control 0.39 w:conversion 0.23 w:copy -0.43 w:correct 0.36 w:cost 0.3
w:costs -0.48 w:could -0.2 w:count -0.06 w:counts 0.08 w:create -0.15 w:created -0.27
w:customer 0.09 w:customers -0.26 w:cut 0.23 w:dashboard 0.11 w:data 0.25 w:database -0.05
w:date -0.1 w:days -0.15 w:decide -0.07 w:decides 0.19 w:default -0.07 w:delivery -0.14
w:depend -0.07 w:details 0.14 w:device -0.23 w:devices -0.25 w:did 0.51 w:didn't -0.1
w:difference 0.09 w:different -0.15 w:directly 0.06 w:do 0.25 w:doesn't -0.27 w:doing 0.24
w:don't -0.1 w:done 0.09 w:double 0.11 w:down 0.19 w:download -0.08 w:downside -0.11
w:driven -0.17 w:during -0.22 w:early -0.07 w:easy 0.16 w:edge 0.1 w:else -0.06 w:email -0.13
w:end 0.08 w:ends 0.1 w:engineer -1.35 w:engineering -0.21 w:enough 0.12 w:errors 0.25
w:even 0.17 w:event 0.13 w:events 0.06 w:everyone 0.27 w:everything 0.24 w:exact 0.12
w:existing 0.13 w:expect 0.19 w:expensive 0.19 w:experience 0.3 w:explain -0.16 w:extra 0.22
w:fail -0.08 w:failed -0.26 w:fails -0.21 w:failure 0.15 w:failures 0.25 w:fair -0.06
w:far 0.18 w:fast 0.23 w:faster 0.31 w:feel 0.38 w:feels 0.07 w:fewer 0.3 w:file 0.16
w:files -0.16 w:final 0.05 w:finance 0.07 w:fine 0.61 w:finish 0.09 w:first 0.48 w:fits 0.38
w:five -0.06 w:fix 0.26 w:fixed -0.2 w:fixes 0.13 w:flag 0.06 w:flagged -0.19 w:follow 0.15
w:for -0.17 w:form 0.09 w:forward -0.16 w:free -0.16 w:fresh 0.09 w:from -0.06 w:front -0.42
w:full -0.23 w:further -0.13 w:gap 0.3 w:get 0.15 w:gets 0.18 w:getting -0.14 w:give -0.27
w:gives 0.3 w:goal -0.16 w:goes 0.06 w:going 0.09 w:gone 0.2 w:good 0.26 w:got 0.08
w:group 0.32 w:guardrail -0.06 w:guardrails 0.22 w:guess 0.4 w:had -0.45 w:half 0.21
w:hand 0.06 w:handle 0.21 w:happen -0.14 w:happened 0.15 w:happens 0.3 w:hard -0.24 w:has -0.2
w:help -0.13 w:helps 0.25 w:here -0.34 w:here's -0.7 w:high 0.14 w:higher 0.11 w:history -0.07
w:hold -0.16 w:holding 0.13 w:holds 0.15 w:home -0.17 w:honest 0.22 w:honestly 0.36
w:hours -0.25 w:how -0.18 w:hundred 0.06 w:i 0.39 w:i'd 0.64 w:i'll -0.16 w:i'm -0.19
w:i've 0.23 w:id 0.17 w:idempotent 0.09 w:if 0.34 w:in -0.12 w:instead 0.14 w:interesting 0.24
w:ios -0.17 w:is 0.44 w:isn't -0.09 w:issue -0.08 w:it 0.36 w:it's 0.56 w:item -0.05
w:items -0.31 w:its 0.28 w:itself -0.08 w:job -0.13 w:just 0.56 w:key 0.07 w:keyed 0.1
w:kind 0.35 w:know 0.07 w:lag 0.22 w:land 0.09 w:lands 0.12 w:large -0.2 w:last -0.51
w:late -0.17 w:latency 0.33 w:later 0.12 w:launch -0.06 w:lead -0.33 w:leadership -0.34
w:least -0.2 w:leave 0.32 w:less 0.29 w:let's -0.24 w:like 0.21 w:likely 0.28 w:limit -0.15
w:line -0.55 w:link -0.23 w:list -0.07 w:live -0.18 w:lives 0.15 w:load 0.22 w:local -0.22
w:lock -0.29 w:log 0.16 w:long 0.16 w:longer 0.05 w:look 0.17 w:looks 0.35 w:low -0.07 w:m 0.06
w:main -0.07 w:make 0.46 w:makes 0.4 w:making 0.21 w:manual -0.23 w:many 0.22 w:matches 0.35
w:matching -0.16 w:matter 0.07 w:matters 0.32 w:maybe 0.82 w:me -0.61 w:mean -0.06
w:meaning -0.41 w:means 0.06 w:measure 0.09 w:measured -0.15 w:median -0.17 w:mentioned -0.36
w:message -0.18 w:messages -0.08 w:metric 0.1 w:mid -0.13 w:might 0.22 w:milliseconds 0.15
w:minute 0.08 w:minutes -0.11 w:miss -0.15 w:missing 0.08 w:mobile -0.38 w:model 0.17
w:moment -0.26 w:money 0.13 w:month -0.24 w:monthly 0.12 w:months -0.19 w:more 0.07
w:morning -0.06 w:most 0.22 w:move 0.18 w:moved -0.06 w:moving -0.08 w:much 0.29 w:must 0.15
w:my 0.19 w:near -0.18 w:nearly 0.11 w:needs 0.17 w:never 0.19 w:next -0.1 w:night -0.23
w:nightly -0.36 w:no -0.18 w:nobody 0.42 w:normal -0.11 w:not 0.68 w:nothing 0.27 w:notice 0.18
w:notification -0.35 w:now -0.5 w:number 0.44 w:numbers 0.35 w:of -0.06 w:offline -0.4
w:often -0.07 w:oh 0.3 w:old 0.08 w:older 0.09 w:on -0.08 w:one 0.18 w:ones 0.24 w:online -0.06
w:only 0.15 w:open -0.05 w:opening 0.09 w:opens -0.14 w:option -0.43 w:options -0.34 w:or 0.25
w:original -0.2 w:other -0.09 w:others 0.07 w:otherwise 0.06 w:our -0.55 w:outside 0.11
w:over 0.15 w:overall 0.11 w:owns -0.12 w:page -0.13 w:paid -0.06 w:part 0.35 w:path 0.31
w:pay -0.17 w:paying 0.35 w:peak 0.18 w:pending -0.06 w:people 0.73 w:percent 0.14
w:percentile -0.25 w:period -0.06 w:person 0.09 w:phone -0.15 w:pick -0.12 w:picks -0.16
w:place -0.09 w:plan -0.23 w:platform -0.16 w:pm -0.31 w:point 0.29 w:points 0.08
w:possible -0.09 w:post -0.16 w:pretty 0.14 w:price -0.33 w:primary 0.29 w:probably 0.62
w:problem 0.4 w:product -0.19 w:provider 0.23 w:pull 0.1 w:push -0.14 w:put 0.05
w:quality -0.15 w:quarter -0.31 w:question 0.36 w:questions 0.34 w:queue -0.06 w:quick 0.21
w:quickly 0.22 w:rate -0.18 w:rates 0.07 w:rather 0.26 w:rating 0.25 w:re -0.11 w:read 0.23
w:reading 0.13 w:reads -0.13 w:ready 0.14 w:really 0.46 w:reason 0.17 w:record 0.46
w:refresh -0.15 w:release 0.13 w:report 0.15 w:reported 0.06 w:reports -0.06 w:request -0.41
w:response 0.09 w:rest -0.16 w:results -0.41 w:retries -0.15 w:retry 0.19 w:return -0.15
w:returns 0.16 w:revenue -0.07 w:right 0.36 w:risk 0.27 w:room -0.24 w:roughly 0.23 w:row -0.22
w:rules 0.09 w:runs -0.06 w:say 0.12 w:saying 0.1 w:says 0.08 w:schedule -0.16 w:screen -0.23
w:search 0.06 w:second 0.27 w:seconds -0.09 w:see 0.37 w:seeing 0.06 w:seen 0.09 w:sees 0.18
w:send -0.13 w:sense 0.29 w:sent -0.13 w:separately -0.18 w:server -0.3 w:servers -0.1
w:service -0.27 w:session -0.33 w:sessions -0.35 w:set 0.19 w:seven -0.15 w:several -0.31
w:share 0.2 w:shared -0.11 w:ship -0.19 w:shipped -0.32 w:short 0.09 w:shouldn't 0.43
w:showing -0.14 w:shown -0.1 w:shows 0.16 w:side 0.3 w:sign -0.12 w:signal 0.13 w:signed 0.1
w:simple 0.1 w:simpler -0.09 w:since 0.31 w:single 0.08 w:six -0.25 w:slow -0.11 w:slower 0.11
w:small 0.18 w:smaller 0.28 w:so 0.62 w:some -0.4 w:sometimes -0.29 w:somewhere 0.32
w:sounds 0.35 w:source 0.06 w:specific -0.17 w:speed 0.2 w:spend -0.09 w:split 0.28
w:stale -0.21 w:standard 0.06 w:start 0.17 w:started -0.39 w:starting -0.11 w:starts 0.09
w:state 0.33 w:status -0.07 w:stay -0.06 w:stays 0.18 w:stops 0.2 w:storage 0.21 w:story 0.18
w:straight 0.06 w:success 0.11 w:suppose 0.21 w:sure 0.35 w:switch -0.18 w:system -0.18
w:table 0.05 w:tail 0.35 w:taken 0.13 w:takes -0.17 w:talk -0.13 w:team -0.38 w:technical 0.07
w:technically -0.37 w:tells 0.31 w:ten -0.4 w:than 0.53 w:that 0.33 w:that's 0.9 w:the 0.14
w:their -0.1 w:them 0.05 w:then 0.34 w:there -0.05 w:there's -0.08 w:these 0.41 w:they'd 0.13
w:they're 0.21 w:they've 0.12 w:thing 0.18 w:things 0.44 w:think 0.4 w:third 0.29 w:this 0.16
w:those -0.13 w:though -0.25 w:three -0.06 w:threshold -0.27 w:ticket -0.53 w:tickets 0.12
w:time -0.11 w:timeout 0.33 w:times 0.13 w:timing 0.21 w:to -0.06 w:today -0.24 w:too 0.21
w:top 0.15 w:total 0.16 w:track -0.2 w:transaction -0.11 w:true 0.13 w:trust 0.33 w:try -0.25
w:turn -0.1 w:twice -0.11 w:two -0.13 w:type -0.06 w:under 0.48 w:understand 0.19 w:unless 0.18
w:until -0.37 w:up 0.11 w:updates 0.06 w:us -0.16 w:use 0.11 w:useful 0.17 w:user 0.11
w:users 0.21 w:uses 0.05 w:using 0.17 w:usually -0.13 w:value 0.28 w:version 0.13 w:versus 0.14
w:very 0.39 w:view 0.06 w:visible 0.21 w:wait -0.11 w:waiting 0.44 w:want -0.08 w:wants -0.38
w:was -0.25 w:way 0.45 w:ways -0.09 w:we -0.21 w:we'd 0.29 w:we're 0.34 w:web -0.1 w:week 0.06
w:weeks -0.23 w:well 0.23 w:went -0.12 w:were -0.29 w:what -0.43 w:what's -0.25 w:whatever 0.52
w:where 0.23 w:whether 0.19 w:whichever 0.29 w:while -0.15 w:who -0.19 w:whole -0.12
w:whose 0.07 w:why -0.17 w:will 0.07 w:window 0.17 w:with 0.2 w:without 0.34 w:won't 0.08
w:worked -0.18 w:works 0.22 w:worse 0.1 w:worst -0.06 w:worth 0.33 w:would -0.2 w:wouldn't 0.37
w:write -0.18 w:writes -0.11 w:yeah 0.15 w:year -0.11 w:yes -0.38 w:yet -0.07 w:you -0.18
w:you'd -0.35 w:you're -0.08 w:zero -0.14 we -0 working 0.82
"""
