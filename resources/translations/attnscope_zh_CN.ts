<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>attnscope::MainWindow</name>
    <message>
        <source>AttnScope</source>
        <translation>AttnScope</translation>
    </message>
    <message>
        <source>Type a sentence, in English, Chinese or both</source>
        <translation>输入一个句子（英文、中文或混合）</translation>
    </message>
    <message>
        <source>Sentence:</source>
        <translation>句子：</translation>
    </message>
    <message>
        <source>The cat sat on the mat.</source>
        <translation>猫坐在垫子上。</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s): %1</source>
        <translation>
            <numerusform>%n 个词元：%1</numerusform></translation>
    </message>
    <message>
        <source>Cannot tokenize: %1</source>
        <translation>无法分词：%1</translation>
    </message>
</context>
</TS>
