<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>attnscope::AttentionDocument</name>
    <message>
        <source>The animal didn&apos;t cross the street because it was too tired</source>
        <translation>The animal didn&apos;t cross the street because it was too tired</translation>
    </message>
</context>
<context>
    <name>attnscope::AttentionLinesView</name>
    <message>
        <source>This text is too long for the full trace, so there is no weight per pair of tokens to draw as lines. Shorten the text to see them.</source>
        <translation>这段文本超出了完整计算的范围，没有逐对词元的权重可画成连线。缩短文本即可看到连线。</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>键</translation>
    </message>
</context>
<context>
    <name>attnscope::AttentionWorker</name>
    <message>
        <source>There is not enough memory to draw the heads of this text.</source>
        <translation>内存不足，无法绘制这段文本的各个头。</translation>
    </message>
</context>
<context>
    <name>attnscope::ColorMap</name>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Magma</source>
        <translation>Magma</translation>
    </message>
    <message>
        <source>Cividis</source>
        <translation>Cividis</translation>
    </message>
    <message>
        <source>Grayscale (for print)</source>
        <translation>灰度（适合打印）</translation>
    </message>
    <message>
        <source>Diverging (blue–red)</source>
        <translation>发散（蓝–红）</translation>
    </message>
</context>
<context>
    <name>attnscope::Computation</name>
    <message>
        <source>Type a sentence to see its attention.</source>
        <translation>输入一个句子，查看它的注意力。</translation>
    </message>
    <message>
        <source>Type a key/value sentence for cross-attention.</source>
        <translation>请输入用于交叉注意力的键/值句子。</translation>
    </message>
    <message>
        <source>Not enough memory for these sizes.</source>
        <translation>内存不足，无法计算这样的规模。</translation>
    </message>
</context>
<context>
    <name>attnscope::ControlsPanel</name>
    <message>
        <source>Set heads to %1</source>
        <translation>将头数设为 %1</translation>
    </message>
    <message>
        <source>Set seed to %1</source>
        <translation>将种子设为 %1</translation>
    </message>
    <message>
        <source>Add positional encoding</source>
        <translation>加入位置编码</translation>
    </message>
    <message>
        <source>Remove positional encoding</source>
        <translation>去掉位置编码</translation>
    </message>
    <message>
        <source>Scale scores by 1/√d_k</source>
        <translation>按 1/√d_k 缩放分数</translation>
    </message>
    <message>
        <source>Stop scaling scores</source>
        <translation>不再缩放分数</translation>
    </message>
    <message>
        <source>Change the mask</source>
        <translation>更改掩码</translation>
    </message>
    <message>
        <source>Pad keys to %1</source>
        <translation>将键填充到 %1</translation>
    </message>
    <message>
        <source>Clear the custom mask</source>
        <translation>清除自定义掩码</translation>
    </message>
    <message>
        <source>New random weights</source>
        <translation>新的随机权重</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>d_model:</source>
        <translation>d_model：</translation>
    </message>
    <message>
        <source>Width of each token&apos;s vector and of every projection</source>
        <translation>每个词元向量以及每个投影的宽度</translation>
    </message>
    <message>
        <source>Heads h:</source>
        <translation>头数 h：</translation>
    </message>
    <message>
        <source>Only divisors of d_model are offered: each head gets d_k = d_model / h columns of Q, K and V</source>
        <translation>只提供 d_model 的因数：每个头分到 Q、K、V 的 d_k = d_model / h 列</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>种子：</translation>
    </message>
    <message>
        <source>One seed drives the embeddings and the weights</source>
        <translation>同一个种子决定嵌入和权重</translation>
    </message>
    <message>
        <source>Positional encoding (sinusoidal)</source>
        <translation>位置编码（正弦）</translation>
    </message>
    <message>
        <source>Without scaling, large dot products push softmax into saturation: nearly all weight lands on one key</source>
        <translation>不缩放时，较大的点积会让 softmax 饱和：几乎所有权重都落到一个键上</translation>
    </message>
    <message>
        <source>Mask:</source>
        <translation>掩码：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Causal</source>
        <translation>因果</translation>
    </message>
    <message>
        <source>Key padding</source>
        <translation>键填充</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Pad to:</source>
        <translation>填充到：</translation>
    </message>
    <message>
        <source>Append [PAD] tokens up to this length; the pads are blocked</source>
        <translation>追加 [PAD] 词元直到这个长度；填充位会被屏蔽</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>清除掩码</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <source>Automatic colour range</source>
        <translation>自动颜色范围</translation>
    </message>
    <message>
        <source>Average of heads</source>
        <translation>各头平均</translation>
    </message>
    <message>
        <source>d_k = d_v = %1</source>
        <translation>d_k = d_v = %1</translation>
    </message>
    <message>
        <source>d_k = d_v = %1. %2</source>
        <translation>d_k = d_v = %1。%2</translation>
    </message>
    <message>
        <source>Every query sees every key.</source>
        <translation>每个查询都能看到所有键。</translation>
    </message>
    <message>
        <source>Each query sees only itself and earlier keys, as in a decoder.</source>
        <translation>每个查询只能看到自己和之前的键，如同解码器。</translation>
    </message>
    <message>
        <source>[PAD] tokens fill the sequence to a fixed length; no query may attend to them.</source>
        <translation>[PAD] 词元把序列填充到固定长度；任何查询都不能关注它们。</translation>
    </message>
    <message>
        <source>Click or drag over cells to block or unblock them.</source>
        <translation>单击或拖过格子来屏蔽或取消屏蔽。</translation>
    </message>
    <message>
        <source>%1 heads do not divide d_model %2, so h is %3 until d_model is a multiple of %1 again.</source>
        <translation>%1 个头不能整除 d_model %2，因此 h 暂为 %3，直到 d_model 再次是 %1 的倍数。</translation>
    </message>
    <message>
        <source>h is back to the %1 heads you chose.</source>
        <translation>h 已恢复为你选择的 %1 个头。</translation>
    </message>
    <message>
        <source>Set d_model to %1</source>
        <translation>将 d_model 设为 %1</translation>
    </message>
    <message>
        <source>Load weights from %1</source>
        <translation>从 %1 载入权重</translation>
    </message>
    <message>
        <source>Use random weights</source>
        <translation>使用随机权重</translation>
    </message>
    <message>
        <source>Weights:</source>
        <translation>权重：</translation>
    </message>
    <message>
        <source>d_model is the loaded weights&apos; width; File ▸ Use random weights to change it</source>
        <translation>d_model 即载入权重的宽度；要修改它，请选择 文件 ▸ 使用随机权重</translation>
    </message>
    <message>
        <source>The seed sets the embeddings; the weights come from the file</source>
        <translation>种子决定嵌入；权重来自文件</translation>
    </message>
    <message>
        <source>nn.MultiheadAttention</source>
        <translation>nn.MultiheadAttention</translation>
    </message>
    <message>
        <source>reference module</source>
        <translation>参考模块</translation>
    </message>
    <message>
        <source>Random, from the seed</source>
        <translation>随机，由种子生成</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Embedded in the lesson (%1)</source>
        <translation>嵌入在课程中（%1）</translation>
    </message>
    <message>
        <source>d_model %1 comes from the weights; the seed still sets the embeddings.</source>
        <translation>d_model %1 来自权重；种子仍决定嵌入。</translation>
    </message>
    <message>
        <source>These nn.MultiheadAttention weights run under the reference module&apos;s mask rule: 0 = blocked, filled with −1e9. nn.MultiheadAttention&apos;s own attn_mask means the opposite: True = blocked, filled with −∞.</source>
        <translation>这些 nn.MultiheadAttention 权重按参考模块的掩码规则运行：0 = 屏蔽，填入 −1e9。nn.MultiheadAttention 自己的 attn_mask 含义相反：True = 屏蔽，填入 −∞。</translation>
    </message>
    <message>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <source>Attention rollout (all layers)</source>
        <translation>注意力展开（所有层）</translation>
    </message>
    <message>
        <source>One map instead of the heads: how much each piece&apos;s final representation draws on each input piece through every layer, counting the residual connection as half of each layer (Abnar &amp; Zuidema 2020)</source>
        <translation>用一张图代替各个头：经过所有层之后，每个片段的最终表示在多大程度上取自每个输入片段；残差连接按每层的一半计入（Abnar 与 Zuidema，2020）</translation>
    </message>
    <message>
        <source>Every layer&apos;s heads</source>
        <translation>各层的所有头</translation>
    </message>
    <message>
        <source>All the model&apos;s maps at once, one row per layer; click one to open it large</source>
        <translation>一次显示模型的全部注意力图，每层一行；点击其中一张可放大查看</translation>
    </message>
    <message>
        <source>Start from causal</source>
        <translation>从因果掩码开始</translation>
    </message>
    <message>
        <source>Block every key after its query, as the causal mask does, then paint from there</source>
        <translation>像因果掩码那样屏蔽每个查询之后的键，再从这里开始绘制</translation>
    </message>
    <message>
        <source>Start from padding</source>
        <translation>从填充开始</translation>
    </message>
    <message>
        <source>Block the last tokens for every query, as a padding mask hides a shorter sentence&apos;s [PAD] tokens, then paint from there</source>
        <translation>对每个查询屏蔽句末的若干词元，就像填充掩码对较短句子隐藏其 [PAD] 词元一样，然后在此基础上绘制</translation>
    </message>
    <message>
        <source>last </source>
        <translation>最后 </translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>How many tokens at the end of the sentence are padding</source>
        <translation>句末有多少个词元是填充</translation>
    </message>
    <message>
        <source>Stretch the colours from the lowest to the highest value shown, to see weak patterns; the colour bar prints that range</source>
        <translation>把颜色拉伸到所显示的最低值至最高值之间，以看清微弱的模式；颜色条会标出这个范围</translation>
    </message>
</context>
<context>
    <name>attnscope::ErrorText</name>
    <message>
        <source>Not enough memory for this: choose shorter texts or smaller sizes.</source>
        <translation>内存不足：请用更短的文本或更小的尺寸。</translation>
    </message>
</context>
<context>
    <name>attnscope::Examples</name>
    <message>
        <source>English sentence, causal mask</source>
        <translation>英文句子，因果掩码</translation>
    </message>
    <message>
        <source>Chinese sentence: 注意力机制很强大</source>
        <translation>中文句子：注意力机制很强大</translation>
    </message>
    <message>
        <source>Padding: keys padded with [PAD] and masked</source>
        <translation>填充：键用 [PAD] 补齐并被屏蔽</translation>
    </message>
    <message>
        <source>Cross-attention: Chinese queries, English keys</source>
        <translation>交叉注意力：中文查询，英文键</translation>
    </message>
    <message>
        <source>Custom mask: hand-picked blocked cells</source>
        <translation>自定义掩码：手动选择屏蔽的单元格</translation>
    </message>
    <message>
        <source>Trained heads, layer 1: head 4 looks at the word before, head 3 at the word after</source>
        <translation>训练好的注意力头，第 1 层：头 4 看前一个词，头 3 看后一个词</translation>
    </message>
    <message>
        <source>Trained heads, layer 2: which word does &quot;it&quot; look at? Each head answers differently</source>
        <translation>训练好的注意力头，第 2 层：“it”在看哪个词？每个头的回答不同</translation>
    </message>
</context>
<context>
    <name>attnscope::ExportActions</name>
    <message>
        <source>&amp;Export figure (PNG, SVG, PDF)…</source>
        <translation>导出图(&amp;E)（PNG、SVG、PDF）…</translation>
    </message>
    <message>
        <source>Export the whole &amp;trace (.npy)…</source>
        <translation>导出完整计算轨迹(&amp;T)（.npy）…</translation>
    </message>
    <message>
        <source>&amp;Copy figure</source>
        <translation>复制图(&amp;C)</translation>
    </message>
    <message>
        <source>Copy as co&amp;mmand</source>
        <translation>复制为命令(&amp;M)</translation>
    </message>
    <message>
        <source>Export the whole trace</source>
        <translation>导出完整计算轨迹</translation>
    </message>
    <message>
        <source>Export &amp;matrix (CSV, .npy)…</source>
        <translation>导出矩阵(&amp;M)（CSV、.npy）…</translation>
    </message>
    <message>
        <source>there is no computed attention to export</source>
        <translation>没有可导出的注意力计算结果</translation>
    </message>
    <message>
        <source>Export matrix</source>
        <translation>导出矩阵</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;NumPy array (*.npy)</source>
        <translation>CSV 表格 (*.csv);;NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Exported the whole trace to “%1”</source>
        <translation>已将完整计算轨迹导出到“%1”</translation>
    </message>
    <message>
        <source>Exported “%1”</source>
        <translation>已导出“%1”</translation>
    </message>
</context>
<context>
    <name>attnscope::ExportFigureDialog</name>
    <message>
        <source>Export figure</source>
        <translation>导出图</translation>
    </message>
    <message>
        <source>Attention weights (softmax)</source>
        <translation>注意力权重（softmax）</translation>
    </message>
    <message>
        <source>Raw scores QKᵀ</source>
        <translation>原始分数 QKᵀ</translation>
    </message>
    <message>
        <source>Scaled scores QKᵀ/√d_k</source>
        <translation>缩放后的分数 QKᵀ/√d_k</translation>
    </message>
    <message>
        <source>Masked scores</source>
        <translation>掩码后的分数</translation>
    </message>
    <message>
        <source>Input X (embeddings + positions)</source>
        <translation>输入 X（嵌入 + 位置编码）</translation>
    </message>
    <message>
        <source>Queries Q</source>
        <translation>查询 Q</translation>
    </message>
    <message>
        <source>Keys K</source>
        <translation>键 K</translation>
    </message>
    <message>
        <source>Values V</source>
        <translation>值 V</translation>
    </message>
    <message>
        <source>Weighted sums A·V (context)</source>
        <translation>加权和 A·V（上下文）</translation>
    </message>
    <message>
        <source>Output (after W^O)</source>
        <translation>输出（经过 W^O）</translation>
    </message>
    <message>
        <source>All heads</source>
        <translation>全部头</translation>
    </message>
    <message>
        <source>Mean of the heads</source>
        <translation>各头的平均</translation>
    </message>
    <message>
        <source>Head %1</source>
        <translation>第 %1 个头</translation>
    </message>
    <message>
        <source>Paper (white, print-sized text)</source>
        <translation>论文（白底，适合打印的字号）</translation>
    </message>
    <message>
        <source>Slide (large text)</source>
        <translation>幻灯片（大字号）</translation>
    </message>
    <message>
        <source>Grayscale (black-and-white print)</source>
        <translation>灰度（黑白打印）</translation>
    </message>
    <message>
        <source>As the window shows it</source>
        <translation>与窗口显示一致</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>Heads:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Style:</source>
        <translation>样式：</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>颜色映射：</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>尺寸：</translation>
    </message>
    <message>
        <source>Resolution (PNG):</source>
        <translation>分辨率（PNG）：</translation>
    </message>
    <message>
        <source>File (.png, .svg, .pdf):</source>
        <translation>文件（.png、.svg、.pdf）：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Copy figure</source>
        <translation>复制图</translation>
    </message>
    <message>
        <source>Copy as command</source>
        <translation>复制为命令</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>prints at %1 × %2 cm</source>
        <translation>打印尺寸 %1 × %2 厘米</translation>
    </message>
    <message>
        <source>SVG and PDF pages are the size at 96 dpi</source>
        <translation>SVG 和 PDF 页面按 96 dpi 取此尺寸</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Slide 16:9 (1920 × 1080)</source>
        <translation>幻灯片 16:9（1920 × 1080）</translation>
    </message>
    <message>
        <source>Slide 4:3 (1600 × 1200)</source>
        <translation>幻灯片 4:3（1600 × 1200）</translation>
    </message>
    <message>
        <source>Crop to the content</source>
        <translation>裁剪到内容</translation>
    </message>
    <message>
        <source>Lay the figure out at this size, then drop its empty borders</source>
        <translation>按此尺寸排版图形，再去掉空白边缘</translation>
    </message>
    <message>
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <source>No preview: this choice cannot be drawn</source>
        <translation>无预览：无法绘制此选择</translation>
    </message>
    <message>
        <source>Attention lines (head view, one head)</source>
        <translation>注意力连线（头视图，单个头）</translation>
    </message>
</context>
<context>
    <name>attnscope::Figure</name>
    <message>
        <source>blocked</source>
        <translation>已屏蔽</translation>
    </message>
    <message>
        <source>mean attention weight</source>
        <translation>平均注意力权重</translation>
    </message>
    <message>
        <source>score q·kᵀ</source>
        <translation>分数 q·kᵀ</translation>
    </message>
    <message>
        <source>scaled score q·kᵀ/√d_k</source>
        <translation>缩放后的分数 q·kᵀ/√d_k</translation>
    </message>
    <message>
        <source>masked score</source>
        <translation>掩码后的分数</translation>
    </message>
    <message>
        <source>attention weight</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>Attention weights</source>
        <translation>注意力权重</translation>
    </message>
    <message>
        <source>Raw scores q·kᵀ</source>
        <translation>原始分数 q·kᵀ</translation>
    </message>
    <message>
        <source>Scaled scores q·kᵀ/√d_k</source>
        <translation>缩放后的分数 q·kᵀ/√d_k</translation>
    </message>
    <message>
        <source>Masked scores</source>
        <translation>掩码后的分数</translation>
    </message>
    <message numerus="yes">
        <source>%1 · all %n heads</source>
        <translation>
            <numerusform>%1 · 全部 %n 个头</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · mean of %n heads</source>
        <translation>
            <numerusform>%1 · %n 个头的平均</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · head %2</source>
        <translation>%1 · 第 %2 个头</translation>
    </message>
    <message>
        <source>%1, layer %2</source>
        <translation>%1，第 %2 层</translation>
    </message>
    <message>
        <source>d_model %1</source>
        <translation>d_model %1</translation>
    </message>
    <message numerus="yes">
        <source>%n heads</source>
        <translation>
            <numerusform>%n 个头</numerusform>
        </translation>
    </message>
    <message>
        <source>d_k %1</source>
        <translation>d_k %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>种子 %1</translation>
    </message>
    <message>
        <source>no mask</source>
        <translation>无掩码</translation>
    </message>
    <message>
        <source>causal mask</source>
        <translation>因果掩码</translation>
    </message>
    <message numerus="yes">
        <source>keys padded to %n</source>
        <translation>
            <numerusform>键填充到 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>custom mask</source>
        <translation>自定义掩码</translation>
    </message>
    <message>
        <source>cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <source>no positional encoding</source>
        <translation>无位置编码</translation>
    </message>
    <message>
        <source>weights: %1</source>
        <translation>权重：%1</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Input X = embeddings + positions</source>
        <translation>输入 X = 嵌入 + 位置编码</translation>
    </message>
    <message>
        <source>Queries Q = XW^Qᵀ + b^Q</source>
        <translation>查询 Q = XW^Qᵀ + b^Q</translation>
    </message>
    <message>
        <source>Keys K = XW^Kᵀ + b^K</source>
        <translation>键 K = XW^Kᵀ + b^K</translation>
    </message>
    <message>
        <source>Values V = XW^Vᵀ + b^V</source>
        <translation>值 V = XW^Vᵀ + b^V</translation>
    </message>
    <message>
        <source>Weighted sum of values A·V</source>
        <translation>值的加权和 A·V</translation>
    </message>
    <message>
        <source>Concatenated head outputs</source>
        <translation>拼接后的各头输出</translation>
    </message>
    <message>
        <source>Output = Concat(heads)·W^Oᵀ + b^O</source>
        <translation>输出 = Concat(heads)·W^Oᵀ + b^O</translation>
    </message>
    <message>
        <source>dimension</source>
        <translation>维度</translation>
    </message>
    <message>
        <source>line width and opacity: the attention weight</source>
        <translation>线的宽度和不透明度：注意力权重</translation>
    </message>
    <message>
        <source> · tokens %1–%2 of %3</source>
        <translation> · 第 %1–%2 个词元（共 %3 个）</translation>
    </message>
    <message numerus="yes">
        <source>Attention lines · mean of %n heads</source>
        <translation>
            <numerusform>注意力连线 · %n 个头的平均</numerusform>
        </translation>
    </message>
    <message>
        <source>Attention lines · head %1</source>
        <translation>注意力连线 · 头 %1</translation>
    </message>
    <message>
        <source>%1 · query “%2”</source>
        <translation>%1 · 查询“%2”</translation>
    </message>
</context>
<context>
    <name>attnscope::FigureChoices</name>
    <message>
        <source>lesson.attnscope</source>
        <translation>lesson.attnscope</translation>
    </message>
</context>
<context>
    <name>attnscope::FigureExport</name>
    <message>
        <source>there is no computed attention to draw</source>
        <translation>没有可绘制的注意力计算结果</translation>
    </message>
    <message>
        <source>a figure must be 64 to 16384 pixels wide and high, and at most 100 megapixels</source>
        <translation>图的宽和高须在 64 到 16384 像素之间，且总计不超过 1 亿像素</translation>
    </message>
    <message>
        <source>the resolution must be 10 to 2400 dpi</source>
        <translation>分辨率须在 10 到 2400 dpi 之间</translation>
    </message>
    <message>
        <source>there is no head %1; the heads are 1 to %2</source>
        <translation>没有第 %1 个头；头的编号为 1 到 %2</translation>
    </message>
    <message>
        <source>the mean of the heads is drawn for the attention weights only</source>
        <translation>各头的平均只能针对注意力权重绘制</translation>
    </message>
    <message>
        <source>%1: choose a file name ending in .png, .svg or .pdf</source>
        <translation>%1：请选择以 .png、.svg 或 .pdf 结尾的文件名</translation>
    </message>
    <message>
        <source>%1: the figure could not be drawn</source>
        <translation>%1：无法绘制该图</translation>
    </message>
    <message>
        <source>out of memory (drawing the figure&apos;s %1 × %2 cells)</source>
        <translation>内存不足（绘制该图的 %1 × %2 个单元格）</translation>
    </message>
    <message>
        <source>figures are drawn from the full trace, and this text is too long for it: shorten it to draw a figure</source>
        <translation>图表依据完整计算轨迹绘制，而这段文本太长、无法保留完整轨迹：请缩短文本后再绘制图表</translation>
    </message>
    <message>
        <source>lines are drawn for the weights of one head or of their mean</source>
        <translation>连线只能画单个头或各头平均的权重</translation>
    </message>
    <message>
        <source>there is no query %1; the queries are 1 to %2</source>
        <translation>没有查询 %1；查询编号为 1 到 %2</translation>
    </message>
</context>
<context>
    <name>attnscope::GuideDialog</name>
    <message>
        <source>AttnScope guide</source>
        <translation>AttnScope 使用指南</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>attnscope::HeadMaps</name>
    <message>
        <source>head %1</source>
        <translation>头 %1</translation>
    </message>
    <message numerus="yes">
        <source>average of %n heads</source>
        <translation>
            <numerusform>%n 个头的平均</numerusform>
        </translation>
    </message>
    <message>
        <source>query “%1” (row %2) → key “%3” (column %4)</source>
        <translation>查询“%1”（第 %2 行）→ 键“%3”（第 %4 列）</translation>
    </message>
    <message>
        <source>mean weight %1</source>
        <translation>平均权重 %1</translation>
    </message>
    <message>
        <source>raw score q·k = %1</source>
        <translation>原始分数 q·k = %1</translation>
    </message>
    <message>
        <source>scaled score = %1</source>
        <translation>缩放分数 = %1</translation>
    </message>
    <message>
        <source>blocked by the mask: set to −1e9</source>
        <translation>被掩码屏蔽：设为 −1e9</translation>
    </message>
    <message>
        <source>weight = %1</source>
        <translation>权重 = %1</translation>
    </message>
    <message>
        <source>queries %1–%2 → keys %3–%4 (pooled)</source>
        <translation>查询 %1–%2 → 键 %3–%4（池化）</translation>
    </message>
    <message>
        <source>mean weight over the heads and the block %1</source>
        <translation>各头在该区块上的平均权重 %1</translation>
    </message>
    <message>
        <source>head %1: mean weight over the block %2</source>
        <translation>头 %1：该区块上的平均权重 %2</translation>
    </message>
    <message>
        <source>attention rollout: layers 1–%1, (A+I)/2 averaged over heads</source>
        <translation>注意力展开：第 1–%1 层，(A+I)/2，对各头取平均</translation>
    </message>
    <message>
        <source>rollout %1: the share of input piece %2 in piece %3&apos;s final representation</source>
        <translation>展开值 %1：输入片段 %2 在片段 %3 最终表示中所占的份额</translation>
    </message>
    <message>
        <source>layer %1 · head %2</source>
        <translation>第 %1 层 · 头 %2</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>权重 %1</translation>
    </message>
    <message>
        <source>%1, row “%2”, column “%3”</source>
        <translation>%1，第“%2”行，第“%3”列</translation>
    </message>
    <message>
        <source>blocked by the mask: −1e9</source>
        <translation>被掩码遮挡：−1e9</translation>
    </message>
    <message>
        <source>value %1</source>
        <translation>值 %1</translation>
    </message>
</context>
<context>
    <name>attnscope::HeadsView</name>
    <message>
        <source>◀ All heads</source>
        <translation>◀ 所有头</translation>
    </message>
    <message>
        <source>Back to the grid of heads (Esc)</source>
        <translation>返回所有头的网格（Esc）</translation>
    </message>
    <message>
        <source>Scroll to zoom, drag to pan, double-click to reset.</source>
        <translation>滚轮缩放，拖动平移，双击复位。</translation>
    </message>
    <message>
        <source>Show layer %1</source>
        <translation>显示第 %1 层</translation>
    </message>
    <message>
        <source>queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>final pieces</source>
        <translation>最终片段</translation>
    </message>
    <message>
        <source>input pieces</source>
        <translation>输入片段</translation>
    </message>
    <message>
        <source>✎ Paint the mask</source>
        <translation>✎ 绘制掩码</translation>
    </message>
    <message>
        <source>Drag over the cells to block or unblock them: the mask becomes a custom one and the head is recomputed as you paint. Off: dragging pans again.</source>
        <translation>在单元格上拖动以屏蔽或取消屏蔽：掩码变为自定义掩码，绘制时该头会实时重新计算。关闭后拖动恢复为平移。</translation>
    </message>
    <message>
        <source>Stretch the colours</source>
        <translation>拉伸颜色</translation>
    </message>
    <message>
        <source>Use the automatic colour range: the colours span the lowest to the highest weight shown, and the colour bar prints that range</source>
        <translation>使用自动颜色范围：颜色覆盖所显示的最低到最高权重，颜色条标出这个范围</translation>
    </message>
    <message>
        <source>Keep 0–1</source>
        <translation>保持 0–1</translation>
    </message>
    <message>
        <source>Keep the fixed scale, on which every map can be compared</source>
        <translation>保持固定刻度，便于比较各张图</translation>
    </message>
    <message>
        <source>Every weight shown lies between %1 and %2, a small part of the 0–1 colour scale, so the maps look alike.</source>
        <translation>所显示的权重都在 %1 到 %2 之间，只占 0–1 颜色刻度的一小部分，因此各张图看起来几乎一样。</translation>
    </message>
    <message>
        <source>Drag over the cells to block or unblock them.</source>
        <translation>在单元格上拖动以屏蔽或取消屏蔽。</translation>
    </message>
    <message>
        <source>Paint the mask on the head</source>
        <translation>在头上绘制掩码</translation>
    </message>
    <message>
        <source>Matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Show the head&apos;s weights as a matrix</source>
        <translation>以矩阵显示该头的权重</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>连线</translation>
    </message>
    <message>
        <source>Show the head&apos;s weights as lines from each query to each key, as wide and as dark as the weight; click a query to choose it</source>
        <translation>以连线显示该头的权重：从每个查询连到每个键，线的粗细和深浅随权重而定；点击查询可选中它</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两者</translation>
    </message>
    <message>
        <source>Show the matrix and the lines side by side</source>
        <translation>并排显示矩阵和连线</translation>
    </message>
</context>
<context>
    <name>attnscope::HeatmapPlot</name>
    <message>
        <source>pooled</source>
        <translation>池化</translation>
    </message>
    <message>
        <source>each cell shows the mean of about %1 × %2 token pairs</source>
        <translation>每格显示约 %1 × %2 个词元对的平均值</translation>
    </message>
</context>
<context>
    <name>attnscope::KeyboardHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>attnscope::LessonActions</name>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>AttnScope lessons (*.attnscope)</source>
        <translation>AttnScope 课程 (*.attnscope)</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>&amp;Open lesson…</source>
        <translation>打开课程(&amp;O)…</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save lesson</source>
        <translation>保存课程(&amp;S)</translation>
    </message>
    <message>
        <source>Save lesson &amp;as…</source>
        <translation>课程另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>%1: the lesson says d_model %2, but its weights are %3 wide.</source>
        <translation>%1：课程中 d_model 为 %2，但其权重宽度为 %3。</translation>
    </message>
    <message>
        <source>%1: %2 heads do not divide d_model %3, so the lesson cannot run.</source>
        <translation>%1：%2 个头不能整除 d_model %3，因此无法运行这个课程。</translation>
    </message>
    <message>
        <source>Load weights</source>
        <translation>载入权重</translation>
    </message>
    <message>
        <source>Attention weights (*.safetensors)</source>
        <translation>注意力权重 (*.safetensors)</translation>
    </message>
    <message>
        <source>Load &amp;weights (.safetensors)…</source>
        <translation>载入权重(&amp;W) (.safetensors)…</translation>
    </message>
    <message>
        <source>Use ra&amp;ndom weights (from the seed)</source>
        <translation>使用随机权重(&amp;N)（由种子生成）</translation>
    </message>
    <message>
        <source>Embed weights in the lesson</source>
        <translation>将权重嵌入课程</translation>
    </message>
    <message>
        <source>Save loaded weights inside the lesson file, so that it travels as one file</source>
        <translation>把载入的权重保存在课程文件里，使课程成为一个可单独传送的文件</translation>
    </message>
    <message>
        <source>The command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>New lesson</source>
        <translation>新建课程</translation>
    </message>
    <message>
        <source>Open the example “%1”</source>
        <translation>打开示例“%1”</translation>
    </message>
    <message>
        <source>Untitled lesson</source>
        <translation>未命名课程</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>“%1” has changes that are not saved.</source>
        <translation>“%1”有尚未保存的更改。</translation>
    </message>
    <message>
        <source>Save them before going on?</source>
        <translation>继续之前要保存吗？</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;New lesson</source>
        <translation>新建课程(&amp;N)</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Saved “%1”</source>
        <translation>已保存“%1”</translation>
    </message>
</context>
<context>
    <name>attnscope::MainWindow</name>
    <message>
        <source>Controls</source>
        <translation>控制</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Edit the &amp;sentence</source>
        <translation>编辑句子(&amp;S)</translation>
    </message>
    <message>
        <source>New random &amp;weights</source>
        <translation>新的随机权重(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;All heads</source>
        <translation>所有头(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Heads</source>
        <translation>头(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Step through the computation</source>
        <translation>逐步演示计算(&amp;S)</translation>
    </message>
    <message>
        <source>Heads</source>
        <translation>各个头</translation>
    </message>
    <message>
        <source>Step through</source>
        <translation>逐步演示</translation>
    </message>
    <message>
        <source>A&amp;verage of heads</source>
        <translation>各头平均(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AttnScope</source>
        <translation>关于 AttnScope(&amp;A)</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message numerus="yes">
        <source>⚠ The mask blocks every key for query %1. Each of its scores is −1e9, so softmax gives all %2 keys the same weight 1/%2: the row is uniform, not empty.</source>
        <translation>
            <numerusform>⚠ 掩码屏蔽了查询 %1 的所有键。它的每个分数都是 −1e9，因此 softmax 给全部 %2 个键相同的权重 1/%2：这一行是均匀的，而不是空的。</numerusform>
        </translation>
    </message>
    <message>
        <source>About AttnScope</source>
        <translation>关于 AttnScope</translation>
    </message>
    <message>
        <source>ℹ %1 × %2 tokens in %3 heads is more than the window keeps exactly (%4 million cells): the heads show pooled pictures from the streaming engine, each cell the mean weight over a block (Automatic colour range brings out faint patterns). Open a head and zoom in to see which tokens a region covers. The step-through, values and exports need a shorter text.</source>
        <translation>ℹ %3 个头上的 %1 × %2 个词元超出了窗口能精确保留的规模（%4 百万个单元格）：各头显示的是流式引擎生成的池化图像，每格为一个区块上的平均权重（勾选“自动颜色范围”可看清微弱的模式）。打开某个头并放大，可查看某一区域对应哪些词元。逐步演示、数值显示和导出需要更短的文本。</translation>
    </message>
    <message>
        <source>Show the &amp;controls</source>
        <translation>显示控制面板(&amp;C)</translation>
    </message>
    <message>
        <source>AVX-512 vector instructions, 16 numbers at once</source>
        <translation>AVX-512 向量指令（一次计算 16 个数）</translation>
    </message>
    <message>
        <source>AVX2 vector instructions, 8 numbers at once</source>
        <translation>AVX2 向量指令（一次计算 8 个数）</translation>
    </message>
    <message>
        <source>plain instructions, one number at a time</source>
        <translation>普通指令（一次计算一个数）</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AttnScope %1&lt;/h3&gt;&lt;p&gt;See and teach multi-head attention: every head of softmax(QKᵀ/√d_k)·V, computed exactly as the PyTorch reference module does.&lt;/p&gt;&lt;p&gt;On this computer the attention is computed with %2 (the fastest way this processor offers). Every way gives the same numbers, to the precision of 32-bit floats.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AttnScope %1&lt;/h3&gt;&lt;p&gt;观察并讲解多头注意力：softmax(QKᵀ/√d_k)·V 的每一个头，计算方式与 PyTorch 参考模块完全相同。&lt;/p&gt;&lt;p&gt;在这台电脑上，注意力使用%2计算（这是该处理器提供的最快方式）。无论哪种方式，结果在 32 位浮点精度内都相同。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Undo the last change</source>
        <translation>撤销上一次更改</translation>
    </message>
    <message>
        <source>Redo the change undone</source>
        <translation>重做刚撤销的更改</translation>
    </message>
    <message>
        <source>Open head %1 large</source>
        <translation>放大打开第 %1 个头</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
    <message>
        <source>%1[*] — AttnScope</source>
        <translation>%1[*] — AttnScope</translation>
    </message>
    <message>
        <source>&amp;Guide…</source>
        <translation>使用指南(&amp;G)…</translation>
    </message>
</context>
<context>
    <name>attnscope::MaskEditor</name>
    <message>
        <source>Start the mask from causal</source>
        <translation>从因果掩码开始绘制掩码</translation>
    </message>
    <message>
        <source>“%1” does not see “%2”: click to unblock</source>
        <translation>“%1”看不到“%2”：点击取消屏蔽</translation>
    </message>
    <message>
        <source>“%1” sees “%2”: click to block</source>
        <translation>“%1”能看到“%2”：点击屏蔽</translation>
    </message>
    <message>
        <source>Start the mask from padding</source>
        <translation>从填充掩码开始</translation>
    </message>
</context>
<context>
    <name>attnscope::MaskStrokes</name>
    <message>
        <source>Paint the mask</source>
        <translation>绘制掩码</translation>
    </message>
</context>
<context>
    <name>attnscope::MatrixExport</name>
    <message>
        <source>%1: choose a file name ending in .csv or .npy</source>
        <translation>%1：请选择以 .csv 或 .npy 结尾的文件名</translation>
    </message>
    <message>
        <source>there is no computed attention to export</source>
        <translation>没有可导出的注意力计算结果</translation>
    </message>
    <message>
        <source>there is no head %1</source>
        <translation>没有第 %1 个头</translation>
    </message>
    <message>
        <source>the mean of the heads is exported for the attention weights only</source>
        <translation>各头的平均只能针对注意力权重导出</translation>
    </message>
    <message>
        <source>a CSV file holds one matrix: choose a head or the mean, or save as .npy</source>
        <translation>一个 CSV 文件只能保存一个矩阵：请选择一个头或平均值，或保存为 .npy</translation>
    </message>
    <message>
        <source>the text is too long for the full trace, which holds the matrices: shorten it to export them</source>
        <translation>文本太长，无法保留包含这些矩阵的完整计算轨迹：请缩短文本后再导出</translation>
    </message>
    <message>
        <source>a pooled picture holds no matrix: shorten the text to export one</source>
        <translation>池化图像不含矩阵：请缩短文本后再导出</translation>
    </message>
</context>
<context>
    <name>attnscope::MatrixMenu</name>
    <message>
        <source>A pooled picture holds no matrix: shorten the text to export</source>
        <translation>池化图像不含矩阵：请缩短文本后再导出</translation>
    </message>
    <message>
        <source>Export this matrix…</source>
        <translation>导出此矩阵…</translation>
    </message>
    <message>
        <source>Export this matrix</source>
        <translation>导出此矩阵</translation>
    </message>
    <message>
        <source>CSV table (*.csv);;NumPy array (*.npy)</source>
        <translation>CSV 表格 (*.csv);;NumPy 数组 (*.npy)</translation>
    </message>
    <message>
        <source>Copy values as CSV</source>
        <translation>以 CSV 复制数值</translation>
    </message>
    <message>
        <source>Exported “%1”</source>
        <translation>已导出“%1”</translation>
    </message>
</context>
<context>
    <name>attnscope::ModelChooser</name>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Sandbox: random weights</source>
        <translation>沙盒：随机权重</translation>
    </message>
    <message>
        <source>Trained encoder: Universal Sentence Encoder lite</source>
        <translation>训练好的编码器：Universal Sentence Encoder lite</translation>
    </message>
    <message>
        <source>The sandbox runs one layer of multi-head attention with random weights, at the sizes you choose. The trained encoder runs a real pretrained Transformer (2 layers of 4 heads), whose heads learned to look at different relations.</source>
        <translation>沙盒按你选的尺寸、用随机权重运行一层多头注意力。训练好的编码器运行一个真正预训练的 Transformer（2 层，每层 4 个头），它的头学会了关注不同的关系。</translation>
    </message>
    <message>
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <source>The encoder layer whose heads are shown</source>
        <translation>显示哪一层编码器的注意力头</translation>
    </message>
    <message>
        <source>Its own vocabulary cuts the text into pieces (▁ marks the start of a word); d_model, the heads and the mask are the model&apos;s.</source>
        <translation>模型用自己的词表把文本切成片段（▁ 表示一个词的开头）；d_model、头数和掩码都由模型决定。</translation>
    </message>
    <message numerus="yes">
        <source>The model knows English only: %n piece(s) of this text are unknown to it.</source>
        <translation>
            <numerusform>这个模型只认识英文：本文本有 %n 个片段它不认识。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run the sandbox</source>
        <translation>运行沙盒</translation>
    </message>
    <message>
        <source>Run the trained encoder</source>
        <translation>运行训练好的编码器</translation>
    </message>
    <message>
        <source>Show layer %1</source>
        <translation>显示第 %1 层</translation>
    </message>
    <message>
        <source>Layer %1 of %2: %3 heads of d_k = %4, reading %5 numbers per piece and writing %6.</source>
        <translation>第 %1 层（共 %2 层）：%3 个头，d_k = %4；每个片段读入 %5 个数，写出 %6 个。</translation>
    </message>
</context>
<context>
    <name>attnscope::RowSoftmaxPlot</name>
    <message>
        <source>softmax(q·k / √d_k)</source>
        <translation>softmax(q·k / √d_k)</translation>
    </message>
    <message>
        <source>softmax(q·k), unscaled</source>
        <translation>softmax(q·k)，未缩放</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>attnscope::SentenceInput</name>
    <message>
        <source>Type</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Le chat est assis.</source>
        <translation>Le chat est assis.</translation>
    </message>
    <message>
        <source>Use cross-attention</source>
        <translation>使用交叉注意力</translation>
    </message>
    <message>
        <source>Use self-attention</source>
        <translation>使用自注意力</translation>
    </message>
    <message>
        <source>&amp;Sentence:</source>
        <translation>句子(&amp;S)：</translation>
    </message>
    <message>
        <source>Type a sentence, in English, Chinese or both</source>
        <translation>输入一个句子（英文、中文或混合）</translation>
    </message>
    <message>
        <source>The queries (and, in self-attention, the keys and values) (Ctrl+L)</source>
        <translation>查询（在自注意力中也是键和值）（Ctrl+L）</translation>
    </message>
    <message>
        <source>Keys/values:</source>
        <translation>键/值：</translation>
    </message>
    <message>
        <source>Cross-attention: queries from the sentence above, keys and values from this one, as a translation&apos;s target attends to its source</source>
        <translation>交叉注意力：查询来自上面的句子，键和值来自这个句子，就像翻译中目标语言关注源语言</translation>
    </message>
    <message>
        <source>A second sentence for keys and values</source>
        <translation>用于键和值的第二个句子</translation>
    </message>
    <message>
        <source>The model reads the first %1 pieces; the greyed ones are past its limit.</source>
        <translation>模型只读取前 %1 个片段；灰色的片段超出了它的上限。</translation>
    </message>
    <message>
        <source>Cut Chinese into words</source>
        <translation>中文按词切分</translation>
    </message>
    <message>
        <source>Cut Chinese into characters</source>
        <translation>中文按字切分</translation>
    </message>
    <message>
        <source>Chinese as words</source>
        <translation>中文按词</translation>
    </message>
    <message>
        <source>Chinese as characters</source>
        <translation>中文按字</translation>
    </message>
    <message>
        <source>How Chinese, written without spaces, becomes tokens: whole words from a dictionary (注意力 / 机制 / 很 / 强大) or one token per character (注 / 意 / 力 …)</source>
        <translation>没有空格的中文如何变成词元：按词典切成整词（注意力 / 机制 / 很 / 强大），或每个字一个词元（注 / 意 / 力 …）</translation>
    </message>
</context>
<context>
    <name>attnscope::StepThroughView</name>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>Previous step (Left arrow)</source>
        <translation>上一步（左方向键）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Next step (Right arrow)</source>
        <translation>下一步（右方向键）</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <source>Head:</source>
        <translation>头：</translation>
    </message>
    <message>
        <source>Worked numbers (click a cell to choose it):</source>
        <translation>逐步算式（单击格子选择）：</translation>
    </message>
    <message>
        <source>Step through: previous step</source>
        <translation>逐步计算：上一步</translation>
    </message>
    <message>
        <source>Step through: next step</source>
        <translation>逐步计算：下一步</translation>
    </message>
</context>
<context>
    <name>attnscope::Steps</name>
    <message>
        <source>1. Tokens and embeddings</source>
        <translation>1. 词元与嵌入</translation>
    </message>
    <message>
        <source>2. Projections Q, K, V</source>
        <translation>2. 投影 Q、K、V</translation>
    </message>
    <message>
        <source>3. Split into heads</source>
        <translation>3. 拆分为多个头</translation>
    </message>
    <message>
        <source>4. Raw scores</source>
        <translation>4. 原始分数</translation>
    </message>
    <message>
        <source>5. Scaling by 1/√d_k</source>
        <translation>5. 按 1/√d_k 缩放</translation>
    </message>
    <message>
        <source>6. Masking</source>
        <translation>6. 掩码</translation>
    </message>
    <message>
        <source>7. Softmax per row</source>
        <translation>7. 逐行 softmax</translation>
    </message>
    <message>
        <source>8. Weighted sum of values</source>
        <translation>8. 对值加权求和</translation>
    </message>
    <message>
        <source>9. Concat and output projection</source>
        <translation>9. 拼接与输出投影</translation>
    </message>
    <message>
        <source>Each token becomes a vector of d_model numbers drawn from the seed. The positional encoding adds a pattern of sines and cosines that tells the model where each token stands.</source>
        <translation>每个词元变成一个由种子生成的 d_model 维向量。位置编码再加上一组正弦和余弦模式，告诉模型每个词元所在的位置。</translation>
    </message>
    <message>
        <source>embeddings E</source>
        <translation>嵌入 E</translation>
    </message>
    <message>
        <source>positional encoding PE</source>
        <translation>位置编码 PE</translation>
    </message>
    <message>
        <source>Three learned linear maps turn every token into a query (what it looks for), a key (what it offers) and a value (what it passes on).</source>
        <translation>三个可学习的线性映射把每个词元变成查询（它在找什么）、键（它能提供什么）和值（它传递什么）。</translation>
    </message>
    <message>
        <source>W^Q (out × in)</source>
        <translation>W^Q（输出 × 输入）</translation>
    </message>
    <message>
        <source>The d_model columns are cut into %1 blocks of d_k = %2, one per head. Each head attends in its own subspace.</source>
        <translation>d_model 列被切成 %1 块，每块 d_k = %2 列，每个头一块。每个头在自己的子空间中计算注意力。</translation>
    </message>
    <message>
        <source>Q, coloured by head</source>
        <translation>Q（按头着色）</translation>
    </message>
    <message>
        <source>Every query is compared with every key by a dot product: the larger the score, the better the key matches what the query looks for.</source>
        <translation>每个查询与每个键做点积比较：分数越大，键与查询所找的内容越匹配。</translation>
    </message>
    <message>
        <source>Dot products of d_k numbers grow like √d_k. Dividing by √d_k keeps the scores in a range where softmax still spreads its weight; without it, softmax saturates and one key takes nearly all.</source>
        <translation>d_k 个数的点积大约按 √d_k 增长。除以 √d_k 让分数保持在 softmax 仍能分散权重的范围内；否则 softmax 会饱和，几乎所有权重都落到一个键上。</translation>
    </message>
    <message>
        <source>before: raw scores</source>
        <translation>缩放前：原始分数</translation>
    </message>
    <message>
        <source>after: scaled scores</source>
        <translation>缩放后：缩放分数</translation>
    </message>
    <message>
        <source>Blocked cells are set to −1e9, which softmax turns into a weight of 0. It is finite, not −∞: a row with every cell blocked becomes uniform instead of undefined.</source>
        <translation>被屏蔽的格子设为 −1e9，softmax 会把它变成权重 0。它是有限值而不是 −∞：整行都被屏蔽时，该行会变成均匀分布，而不是无定义。</translation>
    </message>
    <message>
        <source>masked scores</source>
        <translation>掩码后的分数</translation>
    </message>
    <message>
        <source>Each row is exponentiated and divided by its sum, so it becomes a distribution: non-negative weights that add up to 1.</source>
        <translation>每一行先取指数再除以该行之和，于是变成一个分布：非负且总和为 1 的权重。</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Each output row is a mix of the value rows, weighted by that query&apos;s attention: a weighted average of what the keys offer.</source>
        <translation>每个输出行是值行的混合，按该查询的注意力加权：即各个键所提供内容的加权平均。</translation>
    </message>
    <message>
        <source>The heads&apos; outputs are laid side by side again and mixed by one more linear map, W^O, into the layer&apos;s output.</source>
        <translation>各个头的输出重新并排拼接，再经过一个线性映射 W^O 混合，得到这一层的输出。</translation>
    </message>
    <message>
        <source>Concat(head₁ … head_h)</source>
        <translation>Concat(head₁ … head_h)</translation>
    </message>
    <message>
        <source>W^O (out × in)</source>
        <translation>W^O（输出 × 输入）</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Layer 1&apos;s input is each piece&apos;s learned embedding E plus a timing signal PE of sines and cosines of its position; this model&apos;s graph adds the embedding a second time.</source>
        <translation>第 1 层的输入是每个片段学到的嵌入 E，加上由其位置的正弦和余弦构成的时间信号 PE；这个模型的计算图会把嵌入再加一次。</translation>
    </message>
    <message>
        <source>Layer 1&apos;s input is each piece&apos;s learned embedding E plus a timing signal PE of sines and cosines of its position.</source>
        <translation>第 1 层的输入是每个片段学到的嵌入 E，加上由其位置的正弦和余弦构成的时间信号 PE。</translation>
    </message>
    <message>
        <source>The attention does not see it directly: X is the input after layer normalisation (each row shifted to mean 0 and scaled to variance 1, then by a learned scale and bias). The input itself comes back in step 10.</source>
        <translation>注意力并不直接看到它：X 是经过层归一化的输入（每一行先平移到均值 0、缩放到方差 1，再乘以学到的缩放并加上偏置）。输入本身会在第 10 步重新加回。</translation>
    </message>
    <message>
        <source>Layer %1&apos;s input is layer %2&apos;s output (step 10 there). The attention does not see it directly: X is the input after layer normalisation (each row shifted to mean 0 and scaled to variance 1, then by a learned scale and bias). The input itself comes back in step 10.</source>
        <translation>第 %1 层的输入是第 %2 层的输出（见该层第 10 步）。注意力并不直接看到它：X 是经过层归一化的输入（每一行先平移到均值 0、缩放到方差 1，再乘以学到的缩放并加上偏置）。输入本身会在第 10 步重新加回。</translation>
    </message>
    <message>
        <source>the layer&apos;s input</source>
        <translation>该层的输入</translation>
    </message>
    <message>
        <source>The residual connection adds the layer&apos;s input back to the attention&apos;s output; this layer widens each piece from %1 to %2 numbers, so the input first passes through a learned projection W_r.</source>
        <translation>残差连接把该层的输入加回到注意力的输出上；这一层把每个片段从 %1 个数加宽到 %2 个数，因此输入先经过一个学到的投影 W_r。</translation>
    </message>
    <message>
        <source>The residual connection adds the layer&apos;s input back to the attention&apos;s output.</source>
        <translation>残差连接把该层的输入加回到注意力的输出上。</translation>
    </message>
    <message>
        <source>Then a second layer norm and a feed-forward network (%1 numbers wide, with a ReLU, applied to each piece on its own) compute a correction that is added to x′.</source>
        <translation>接着，第二个层归一化和一个前馈网络（宽 %1 个数，含 ReLU，对每个片段单独计算）算出一个修正量，加到 x′ 上。</translation>
    </message>
    <message>
        <source>This is the last layer: the mean of its output over the pieces becomes the sentence embedding.</source>
        <translation>这是最后一层：它的输出在各片段上的平均值成为句子嵌入。</translation>
    </message>
    <message>
        <source>The result is layer %1&apos;s input.</source>
        <translation>结果就是第 %1 层的输入。</translation>
    </message>
    <message>
        <source>10. Around the attention: residual, layer norm, feed-forward</source>
        <translation>10. 注意力前后：残差、层归一化、前馈网络</translation>
    </message>
    <message>
        <source>1. The layer&apos;s input and its layer norm</source>
        <translation>1. 该层的输入及其层归一化</translation>
    </message>
</context>
<context>
    <name>attnscope::TokenChips</name>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>还有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>+%n past the limit</source>
        <translation>
            <numerusform>另有 %n 个超出上限</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not in the model&apos;s vocabulary: it reads it as its unknown piece, the same vector for every such piece.</source>
        <translation>“%1”不在模型的词表中：模型把它读作“未知”片段，所有这样的片段都是同一个向量。</translation>
    </message>
</context>
<context>
    <name>attnscope::TokenWindowBar</name>
    <message>
        <source>tokens %1–%2 of %3</source>
        <translation>第 %1–%2 个词元（共 %3 个）</translation>
    </message>
    <message>
        <source>Focus:</source>
        <translation>聚焦：</translation>
    </message>
    <message>
        <source>Move the window of tokens along the sentence</source>
        <translation>沿句子移动词元窗口</translation>
    </message>
    <message>
        <source>How many tokens the window holds</source>
        <translation>窗口包含多少个词元</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
</context>
<context>
    <name>attnscope::TraceMatrices</name>
    <message>
        <source>the mean of the heads is drawn for the attention weights only</source>
        <translation>各头的平均只能针对注意力权重绘制</translation>
    </message>
    <message>
        <source>%1 is not split into heads: choose all heads</source>
        <translation>%1 没有按头拆分：请选择全部头</translation>
    </message>
    <message>
        <source>there is no head %1; the heads are 1 to %2</source>
        <translation>没有第 %1 个头；头的编号为 1 到 %2</translation>
    </message>
</context>
<context>
    <name>attnscope::WorkedNumbersText</name>
    <message>
        <source>head %1, query “%2” → key “%3”</source>
        <translation>头 %1，查询“%2”→ 键“%3”</translation>
    </message>
    <message>
        <source>2. ÷ √d_k: %1 ÷ %2 = %3</source>
        <translation>2. ÷ √d_k：%1 ÷ %2 = %3</translation>
    </message>
    <message>
        <source>3. masked: this cell is blocked, so it becomes −1e9</source>
        <translation>3. 掩码：此格被屏蔽，变为 −1e9</translation>
    </message>
    <message>
        <source>3. mask: this cell is kept, still %1</source>
        <translation>3. 掩码：此格保留，仍为 %1</translation>
    </message>
    <message>
        <source>5. row sum = %1</source>
        <translation>5. 行和 = %1</translation>
    </message>
    <message>
        <source>6. weight = %1 ÷ %2 = %3</source>
        <translation>6. 权重 = %1 ÷ %2 = %3</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>…… 还有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>1. q·k, term by term (d_k = %1):</source>
        <translation>1. q·k，逐项相乘（d_k = %1）：</translation>
    </message>
    <message>
        <source>sum: q·k = %1</source>
        <translation>求和：q·k = %1</translation>
    </message>
    <message>
        <source>4. exp(x − max) per key, max = %1:</source>
        <translation>4. 每个键的 exp(x − max)，max = %1：</translation>
    </message>
    <message>
        <source>−1e9 (blocked)</source>
        <translation>−1e9（被遮挡）</translation>
    </message>
</context>
<context>
    <name>attnscope::WrittenNoticeLabel</name>
    <message>
        <source>Open its folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
</TS>
