"""More Japanese names for ``vocab_curated.EXTRA_NAMES["JP"]``: Faker 40.63.0 ships 51 given names and 50 surnames.

Romanized in Hepburn without macrons, as business cards and CRMs write them. Sources: surnames
continue the frequency ranking of myoji-yurai.net (名字由来net, 2023) past its first 160;
given names are common names of people born 1950-2005 in Meiji Yasuda Life's yearly rankings
and the e-Stat/name-ranking lists derived from them. Japanese given names are far more diverse
than surnames (thousands of names and kanji spellings, the most common under 1% of a cohort),
so the build weights them almost flat (``RANK_OFFSET``), surnames by rank.
"""

from __future__ import annotations

MALE = """
Akio Atsushi Daiki Eiji Fumio Goro Hajime Haruki Hideaki Hidetoshi Hiroaki Hirofumi Hironori Hiroyuki
Hisashi Ikuo Issei Joji Jumpei Katsuhiko Katsumi Kazuo Kazunori Kazutaka Keiichi Keiji Kengo Kenichiro
Kensuke Kiyotaka Koichi Koichiro Kosuke Kota Kyohei Mamoru Masaaki Masahiko Masanori Masao Masaru Masashi
Masayuki Michio Mitsuhiro Mitsuru Motoki Naoto Naoya Nobuhiro Nobuo Norihiro Osamu Ryohei Ryosuke Ryuji
Ryunosuke Sadao Satoru Seiji Shigeki Shingo Shinichi Shiro Shohei Shuichi Shuji Susumu Takahiro Takanori
Takao Takayuki Takehiro Takeo Tamotsu Tatsuo Teruo Tetsuo Tomoaki Tomohiko Tomoya Toshiaki Toshihiro Toshio
Tsuyoshi Wataru Yasuo Yasushi Yasuyuki Yoshihiro Yoshikazu Yoshinori Yoshio Yoshitaka Yoshiyuki Yosuke
Yuichi Yuichiro Yuma Yusaku Yuya Yuzuru Daichi Hikaru Itsuki Kazuma Kei Kyosuke Minato Naohiro Nobuaki Norio
Ryuichi Ryuta Seiichi Shigeo Shinsuke Shuhei Soichiro Tadao Taichi Taiga Takafumi Takuma Takuro Tatsuki
Tatsuro Teppei Tomoki Toshikazu Toshinori Yoshiki Yuhei Yukio Yusei Asahi Eita Fumiya Genki Haruo Hiromu
Ippei Kazushi Keita Koki Kyoichi Masakazu Akihiko Akinori Atsuo Chikara Eisuke Fumihiko Fumitaka Gen
Hidenori Hideo Hideyuki Hiromasa Hiromitsu Hisao Isao Iwao Jiro Junji Junya Kaname Katsuhiro Katsunori
Katsuo Kazuaki Kazuhide Kazuhiko Kazunari Kazuyoshi Keigo Kenjiro Kenya Kimio Kiyohiko Kohei Kunio
Makio Masafumi Masami Masatoshi Masumi Mikio Mitsuo Mitsuru Morio Motohiro Munehiro Nagato Nobuhiko
Nobuyoshi Noriaki Norihiko Noriyuki Ryoichi Ryoji Ryuhei Saburo Sadayuki Seigo Shigenori Shigeyuki
Shinpei Shinjiro Shinobu Shintaro Shoichi Shoji Shunichi Shusaku Sumio Tadahiro Tadayuki Takaaki Takahide
Takamasa Takehiko Takenori Takuji Tamio Tatsuhiko Tatsuya Teruaki Teruyuki Tetsuji Tetsuro Tomio Toshiki
Toshimitsu Toshiro Toyoaki Tsutomu Yasuaki Yasuhiko Yasunori Yasutaka Yoshifumi Yoshihide Yoshihiko
Yoshimasa Yoshimi Yoshiro Yoshitomo Yuji Yukihiro Yukinori Yuki Yutaro Kotaro Kentaro Shotaro Kantaro
Rintaro Sotaro Yuho Haruma Hinata Aoi Kanata Souma Yota Ryusei Kaisei Hiroto Yuito Shun Tsubasa Kakeru
"""

FEMALE = """
Akane Akemi Arisa Asuka Atsuko Ayako Ayano Ayane Chiaki Chika Chiyoko Eriko Etsuko Fumie Haruka Haruna
Hiromi Hisako Hanako Izumi Kaori Kayo Kazumi Kimiko Kiyomi Kotomi Kyoka Machiko Madoka Mami Mana Manami
Mari Mariko Masami Masumi Maki Makiko Michiyo Midori Mieko Mihoko Mina Minako Minori Misato Mitsuko Miwa
Miyako Mizuho Momoka Nana Naomi Natsumi Nobuko Reina Rika Rina Risako Ryoko Sachie Saori Sayaka Sayuri
Setsuko Shizuka Shoko Sumiko Takako Tamaki Teruko Tomoe Toshiko Wakana Yasuko Yoshie Yoshimi Yukari
Yukiko Yumi Yuri Yurika Yuriko Ami Anna Chinatsu Emiko Fuka Hana Hazuki Himari Hinata Kanae Kaoru Kasumi
Kazue Kiyoko Koharu Kozue Mahiro Marina Mayuko Michie Misuzu Miyu Mizuki Nagisa Nanako Nozomi Rena Rumi
Ruri Sae Saeko Sanae Sawako Shinobu Sumire Tae Tomoka Wakako Yae Yasue Yoshino Yuzuki Aiko Chizuru Hiroe
Kayoko Kumi Maiko Masayo Miki Miku Nahoko Nami Naho Rei Sakiko Sayo Tomoyo Akiho Asako Ayumi Chieko
Chiharu Chinami Emi Eiko Emiri Fujiko Fusako Harue Harumi Hatsue Hideko Hiroe Hisae Ikuko Ikumi Itsuko
Junko Kanami Katsuko Kazuyo Keiko Kikuko Kinuko Kiyoe Kuniko Kyoko Mako Mariya Masae Masumi Matsuko
Mayo Michiru Mie Mikako Mikiko Minami Misae Mitsuki Miyuki Mutsumi Nanae Naoe Nobue Noriko Nozomi
Ritsuko Rumiko Ryoka Sachiyo Sadako Sakae Satoko Sayoko Shigeko Shiho Shizue Sonoko Suzu Suzuka Tamae
Tamako Tazuko Teruyo Tokiko Tomie Tsuneko Ukyo Umeko Yaeko Yayoi Yoshika Yoshiyo Yuika Yukako Yukie
Yukino Yumeko Yumika Yuriko Akari Ayana Hinano Iroha Kokona Kokoro Mitsuha Nodoka Riho Rio Saho Shiori
Tsumugi Ui Yua Yuzuha Koyuki Sena Kurumi Mirai Nonoka Rinka Sara Serina Suzune Tomomi Wakaba Yuri
"""

SURNAMES = """
Nishiyama Kitagawa Ozaki Sugiura Fujioka Hosokawa Sekiguchi Hiraoka Shiraishi Kuroda Mizutani Tsuda
Nakai Okazaki Kishi Kamata Tomita Hirota Kawashima Nakazawa Miyake Yamaoka Tokuda Oda Sakata Tsukamoto
Hamaguchi Horie Minami Kataoka Hori Ishizuka Koike Kanai Tanabe Ozawa Fukui Nishioka Osawa Kuwahara
Terada Hirai Nakamoto Kuroki Adachi Sakaguchi Nishi Izumi Mizuguchi Takemoto Ogura Yamane Kishimoto
Shinohara Kumagai Hirayama Kawata Yamakawa Shimomura Tachibana Teramoto Nakatani Iwamoto Matsuzaki
Yokota Kanno Shiota Fujisawa Tokunaga Omura Kamei Makino Fujimura Tamaki Wakabayashi Hamano Ishibashi
Horiuchi Fujino Nakahara Murai Sekine Okuda Okumura Nagao Kishida Hiramatsu Kuwata Takasaki Mizushima
Nishino Miyauchi Inagaki Asai Kusano Ishiguro Onodera Tsutsumi Nakaya Yonezawa Hagiwara Kamiya Ishiyama
Sakuma Takei Maekawa Tabata Umeda Hoshi Nakao Hotta Yoshioka Matsubara Kawano Asada Kawabata Ikeuchi
Miyagawa Fukumoto Hatano Okubo Ishizaki Kawahara Honma Nagashima Tominaga Yamagishi Kurihara Takeshita
Ohashi Takashima Iwai Miyashita Nonaka Yoshino Tanimoto Ikegami Kanazawa Yoshimoto Kuno Kitano Yamagata
Morishita Takata Hiraga Nagasawa Hamamoto Tsuchida Kinjo Higa Shimabukuro Miyagi Oshiro Tamashiro Nakama
Yonamine Kobori Amano Noda Mikami Takemura Motoyama Morioka Mukai Okuyama Tsukada Ichihara Kitajima Kawai
Ochiai Hosoda Hosoya Nakamori Obata Toyoda Iwasa Kanda Uemura Nishimoto Otani Nakane Kotani Murayama
Fukuoka Aoyama Akita Shimamura Tamai Shimoda Ueki Kasai Sakurada Sumida Watase Kuroiwa Imamura Kodama
Haga Kamiyama Arima Nakashima Kanamori Morikawa Fujikawa Komori Kitahara Iwashita Takenaka Furuya Kikuta
Mizuta Nishizawa Sawai Miyoshi Hatta Shoji Ishimaru Matsunaga Nagatomo Sugimura Tsukahara Iijima
Kitazawa Yanagisawa Yanagida Koga Kaji Tani Okuno Kiyota Ogata Inaba Shirai Sonoda Tsujimoto Nishiguchi
Matsumura Fukunaga Akimoto Miyazawa Kaneshiro Hirakawa Isobe Seto Takamatsu Kameda Kitayama Funaki
Fukuhara Segawa Mitsui Ohira Iwamura Nakagomi Tahara Shibuya Yamabe Tsukuda Nitta Tateishi Ishige
Nagaoka Nozaki Yazawa Aizawa Akiba Amemiya Ando Asakura Chiba Daimon Doi Ebina Fuchigami Fujiki Fujimaki
Fukazawa Funabashi Furuta Gomi Hada Hanada Hanzawa Hata Hayakawa Hida Hiratsuka Hoshikawa Ichinose Ide
Iguchi Imai Inokuma Irie Ishikura Isozaki Itagaki Iwabuchi Iwakiri Izawa Jinno Kagawa Kakizaki Kamio
Kanbara Kasahara Katayama Kawabe Kawamoto Kawanishi Kayama Kikuchi Kitaoka Kiyohara Kobayakawa Koda
Komatsubara Kosaka Koyanagi Kubota Kumada Kurosawa Kusunoki Machida Maeno Masaki Matsukawa Matsuura
Minagawa Miyahara Miyano Mizoguchi Momose Morita Motoki Murakoshi Nagai Nagamine Naito Nakaoka Nakase
Narita Negishi Niwa Nojima Numata Oba Ogino Ohara Oikawa Okawa Okino Omori Onuki Oshita Otake Oyama
Saeki Sagawa Sakakibara Sakamaki Sanada Sasano Sato Sekiya Shibasaki Shigeta Shimazaki Shinoda Sonobe
Sudo Sugai Sugawara Suga Suzuki Tabuchi Tadokoro Takai Takenouchi Takigawa Tamada Tanno Tatsumi Terai
Togashi Tokita Tomioka Toyama Tsuboi Uchimura Uehara Umemoto Urano Wakamatsu Watabe Yabe Yagi Yamagami
Yamamura Yamanouchi Yashiro Yokoi Yonekura Yoshizawa Yuasa Zaitsu
"""

MORE_JP: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = (
    tuple(MALE.split()),
    tuple(FEMALE.split()),
    tuple(SURNAMES.split()),
)
